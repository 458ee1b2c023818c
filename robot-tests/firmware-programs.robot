*** Test Cases ***
Hello Boots On The Model's Tables
    Execute Command           $elf=@${CURDIR}/../firmware/build/hello.elf
    Execute Command           include @${CURDIR}/../scripts/harmony-renode.resc
    Create Terminal Tester    sysbus.uart0    timeout=60
    Create Log Tester         60
    Start Emulation
    ${transcript}=            Get File    ${CURDIR}/../firmware/transcripts/hello.txt
    @{lines}=                 Split To Lines    ${transcript}
    FOR    ${line}    IN    @{lines}
        Wait For Line On Uart    ${line}
    END
    Wait For Log Entry        firmware exited with status 0
    ${status}=                Execute Command    mm ExitStatus
    Should Be Equal As Integers    ${status}    0
    ${check}=                 Execute Command    mm CheckInvariants
    Should Contain            ${check}    OK

Demo Runs Heap, Vmalloc And Two User Processes
    Execute Command           $elf=@${CURDIR}/../firmware/build/demo.elf
    Execute Command           include @${CURDIR}/../scripts/harmony-renode.resc
    Create Terminal Tester    sysbus.uart0    timeout=60
    Create Log Tester         60
    Start Emulation
    ${transcript}=            Get File    ${CURDIR}/../firmware/transcripts/demo.txt
    @{lines}=                 Split To Lines    ${transcript}
    FOR    ${line}    IN    @{lines}
        Wait For Line On Uart    ${line}
    END
    Wait For Log Entry        firmware exited with status 0
    ${status}=                Execute Command    mm ExitStatus
    Should Be Equal As Integers    ${status}    0
    ${check}=                 Execute Command    mm CheckInvariants
    Should Contain            ${check}    OK

Heap Keeps Every Pattern Between The Host's Headers
    Execute Command           $elf=@${CURDIR}/../firmware/build/test_heap.elf
    Execute Command           include @${CURDIR}/../scripts/harmony-renode.resc
    Create Terminal Tester    sysbus.uart0    timeout=60
    Create Log Tester         60
    Start Emulation
    ${transcript}=            Get File    ${CURDIR}/../firmware/transcripts/test_heap.txt
    @{lines}=                 Split To Lines    ${transcript}
    FOR    ${line}    IN    @{lines}
        Wait For Line On Uart    ${line}
    END
    Wait For Log Entry        firmware exited with status 0
    ${status}=                Execute Command    mm ExitStatus
    Should Be Equal As Integers    ${status}    0
    ${check}=                 Execute Command    mm CheckInvariants
    Should Contain            ${check}    OK

Vmalloc Pages Are The Same Memory Through The Kernel Alias
    Execute Command           $elf=@${CURDIR}/../firmware/build/test_vmalloc.elf
    Execute Command           include @${CURDIR}/../scripts/harmony-renode.resc
    Create Terminal Tester    sysbus.uart0    timeout=60
    Create Log Tester         60
    Start Emulation
    ${transcript}=            Get File    ${CURDIR}/../firmware/transcripts/test_vmalloc.txt
    @{lines}=                 Split To Lines    ${transcript}
    FOR    ${line}    IN    @{lines}
        Wait For Line On Uart    ${line}
    END
    Wait For Log Entry        firmware exited with status 0
    ${status}=                Execute Command    mm ExitStatus
    Should Be Equal As Integers    ${status}    0
    ${check}=                 Execute Command    mm CheckInvariants
    Should Contain            ${check}    OK

User Mmap Is Demand-Paged By Host-Serviced Faults
    Execute Command           $elf=@${CURDIR}/../firmware/build/test_user_mmap.elf
    Execute Command           include @${CURDIR}/../scripts/harmony-renode.resc
    Create Terminal Tester    sysbus.uart0    timeout=60
    Create Log Tester         60
    Start Emulation
    ${transcript}=            Get File    ${CURDIR}/../firmware/transcripts/test_user_mmap.txt
    @{lines}=                 Split To Lines    ${transcript}
    FOR    ${line}    IN    @{lines}
        Wait For Line On Uart    ${line}
    END
    Wait For Log Entry        firmware exited with status 0
    ${status}=                Execute Command    mm ExitStatus
    Should Be Equal As Integers    ${status}    0
    ${check}=                 Execute Command    mm CheckInvariants
    Should Contain            ${check}    OK

User Process Mremap On The Loader Layout
    Execute Command           $elf=@${CURDIR}/../firmware/build/test_user_mremap.elf
    Execute Command           include @${CURDIR}/../scripts/harmony-renode.resc
    Create Terminal Tester    sysbus.uart0    timeout=60
    Create Log Tester         60
    Start Emulation
    ${transcript}=            Get File    ${CURDIR}/../firmware/transcripts/test_user_mremap.txt
    @{lines}=                 Split To Lines    ${transcript}
    FOR    ${line}    IN    @{lines}
        Wait For Line On Uart    ${line}
    END
    Wait For Log Entry        firmware exited with status 0
    ${status}=                Execute Command    mm ExitStatus
    Should Be Equal As Integers    ${status}    0
    ${check}=                 Execute Command    mm CheckInvariants
    Should Contain            ${check}    OK

Copy-On-Write After A Space Clone
    Execute Command           $elf=@${CURDIR}/../firmware/build/test_cow.elf
    Execute Command           include @${CURDIR}/../scripts/harmony-renode.resc
    Create Terminal Tester    sysbus.uart0    timeout=60
    Create Log Tester         60
    Start Emulation
    ${transcript}=            Get File    ${CURDIR}/../firmware/transcripts/test_cow.txt
    @{lines}=                 Split To Lines    ${transcript}
    FOR    ${line}    IN    @{lines}
        Wait For Line On Uart    ${line}
    END
    Wait For Log Entry        firmware exited with status 0
    ${status}=                Execute Command    mm ExitStatus
    Should Be Equal As Integers    ${status}    0
    ${check}=                 Execute Command    mm CheckInvariants
    Should Contain            ${check}    OK

Writes To A Read-Only Region End The Process With SIGUSR2
    Execute Command           $elf=@${CURDIR}/../firmware/build/test_readonly.elf
    Execute Command           include @${CURDIR}/../scripts/harmony-renode.resc
    Create Terminal Tester    sysbus.uart0    timeout=60
    Create Log Tester         60
    Start Emulation
    ${transcript}=            Get File    ${CURDIR}/../firmware/transcripts/test_readonly.txt
    @{lines}=                 Split To Lines    ${transcript}
    FOR    ${line}    IN    @{lines}
        Wait For Line On Uart    ${line}
    END
    Wait For Log Entry        firmware exited with status 0
    ${status}=                Execute Command    mm ExitStatus
    Should Be Equal As Integers    ${status}    0
    ${check}=                 Execute Command    mm CheckInvariants
    Should Contain            ${check}    OK

User Access To Kernel Memory Is Reported And The System Continues
    Execute Command           $elf=@${CURDIR}/../firmware/build/test_user_kaddr.elf
    Execute Command           include @${CURDIR}/../scripts/harmony-renode.resc
    Create Terminal Tester    sysbus.uart0    timeout=60
    Create Log Tester         60
    Start Emulation
    ${transcript}=            Get File    ${CURDIR}/../firmware/transcripts/test_user_kaddr.txt
    @{lines}=                 Split To Lines    ${transcript}
    FOR    ${line}    IN    @{lines}
        Wait For Line On Uart    ${line}
    END
    Wait For Log Entry        firmware exited with status 0
    ${status}=                Execute Command    mm ExitStatus
    Should Be Equal As Integers    ${status}    0
    ${check}=                 Execute Command    mm CheckInvariants
    Should Contain            ${check}    OK

Bad Frees Get LOS_NOK And The Heap Survives
    Execute Command           $elf=@${CURDIR}/../firmware/build/test_free_errors.elf
    Execute Command           include @${CURDIR}/../scripts/harmony-renode.resc
    Create Terminal Tester    sysbus.uart0    timeout=60
    Create Log Tester         60
    Start Emulation
    ${transcript}=            Get File    ${CURDIR}/../firmware/transcripts/test_free_errors.txt
    @{lines}=                 Split To Lines    ${transcript}
    FOR    ${line}    IN    @{lines}
        Wait For Line On Uart    ${line}
    END
    Wait For Log Entry        firmware exited with status 0
    ${status}=                Execute Command    mm ExitStatus
    Should Be Equal As Integers    ${status}    0
    ${check}=                 Execute Command    mm CheckInvariants
    Should Contain            ${check}    OK

Private Pools Live Beside The System Pool
    Execute Command           $elf=@${CURDIR}/../firmware/build/test_mem_pools.elf
    Execute Command           include @${CURDIR}/../scripts/harmony-renode.resc
    Create Terminal Tester    sysbus.uart0    timeout=60
    Create Log Tester         60
    Start Emulation
    ${transcript}=            Get File    ${CURDIR}/../firmware/transcripts/test_mem_pools.txt
    @{lines}=                 Split To Lines    ${transcript}
    FOR    ${line}    IN    @{lines}
        Wait For Line On Uart    ${line}
    END
    Wait For Log Entry        firmware exited with status 0
    ${status}=                Execute Command    mm ExitStatus
    Should Be Equal As Integers    ${status}    0
    ${check}=                 Execute Command    mm CheckInvariants
    Should Contain            ${check}    OK

Spaces And Regions Are Found As The Kernel Finds Them
    Execute Command           $elf=@${CURDIR}/../firmware/build/test_vm_lookup.elf
    Execute Command           include @${CURDIR}/../scripts/harmony-renode.resc
    Create Terminal Tester    sysbus.uart0    timeout=60
    Create Log Tester         60
    Start Emulation
    ${transcript}=            Get File    ${CURDIR}/../firmware/transcripts/test_vm_lookup.txt
    @{lines}=                 Split To Lines    ${transcript}
    FOR    ${line}    IN    @{lines}
        Wait For Line On Uart    ${line}
    END
    Wait For Log Entry        firmware exited with status 0
    ${status}=                Execute Command    mm ExitStatus
    Should Be Equal As Integers    ${status}    0
    ${check}=                 Execute Command    mm CheckInvariants
    Should Contain            ${check}    OK

The Guest MMU Walks The Model's Tables
    Execute Command           $elf=@${CURDIR}/../firmware/build/test_tables.elf
    Execute Command           include @${CURDIR}/../scripts/harmony-renode.resc
    Create Terminal Tester    sysbus.uart0    timeout=60
    Create Log Tester         60
    Start Emulation
    ${transcript}=            Get File    ${CURDIR}/../firmware/transcripts/test_tables.txt
    @{lines}=                 Split To Lines    ${transcript}
    FOR    ${line}    IN    @{lines}
        Wait For Line On Uart    ${line}
    END
    Wait For Log Entry        firmware exited with status 0
    ${status}=                Execute Command    mm ExitStatus
    Should Be Equal As Integers    ${status}    0
    ${check}=                 Execute Command    mm CheckInvariants
    Should Contain            ${check}    OK

Bench Runs To The End
    Execute Command           $elf=@${CURDIR}/../firmware/build/bench.elf
    Execute Command           include @${CURDIR}/../scripts/harmony-renode.resc
    Create Terminal Tester    sysbus.uart0    timeout=60
    Create Log Tester         60
    Start Emulation
    ${transcript}=            Get File    ${CURDIR}/../firmware/transcripts/bench.txt
    @{lines}=                 Split To Lines    ${transcript}
    FOR    ${line}    IN    @{lines}
        Wait For Line On Uart    ${line}
    END
    Wait For Log Entry        firmware exited with status 0
    ${status}=                Execute Command    mm ExitStatus
    Should Be Equal As Integers    ${status}    0
    ${check}=                 Execute Command    mm CheckInvariants
    Should Contain            ${check}    OK

A Heap Overflow Makes LOS_MemIntegrityCheck Panic
    Execute Command           $elf=@${CURDIR}/../firmware/build/heap_overflow.elf
    Execute Command           include @${CURDIR}/../scripts/harmony-renode.resc
    Create Terminal Tester    sysbus.uart0    timeout=60
    Create Log Tester         60
    Start Emulation
    ${transcript}=            Get File    ${CURDIR}/../firmware/transcripts/heap_overflow.txt
    @{lines}=                 Split To Lines    ${transcript}
    FOR    ${line}    IN    @{lines}
        Wait For Line On Uart    ${line}
    END
    Wait For Log Entry        LOS_Panic in LOS_MemIntegrityCheck: Memory integrity check error, cur node: 0x40012cf4, pre node: 0x40012cc8
    ${failure}=               Execute Command    mm Failure
    Should Contain            ${failure}    Memory integrity check error

A Heap Scribble Is Named By The Invariant Check
    Execute Command           $elf=@${CURDIR}/../firmware/build/heap_scribble.elf
    Execute Command           include @${CURDIR}/../scripts/harmony-renode.resc
    Create Terminal Tester    sysbus.uart0    timeout=60
    Create Log Tester         60
    Start Emulation
    ${transcript}=            Get File    ${CURDIR}/../firmware/transcripts/heap_scribble.txt
    @{lines}=                 Split To Lines    ${transcript}
    FOR    ${line}    IN    @{lines}
        Wait For Line On Uart    ${line}
    END
    Wait For Log Entry        firmware exited with status 0
    ${status}=                Execute Command    mm ExitStatus
    Should Be Equal As Integers    ${status}    0
    ${check}=                 Execute Command    mm CheckInvariants
    Should Contain            ${check}    heap header

An Unreplaced LOS Body Traps With Exit 4
    Execute Command           $elf=@${CURDIR}/../firmware/build/probe_tables.elf
    Execute Command           include @${CURDIR}/../scripts/harmony-renode.resc
    Create Terminal Tester    sysbus.uart0    timeout=60
    Create Log Tester         60
    Start Emulation
    ${transcript}=            Get File    ${CURDIR}/../firmware/transcripts/probe_tables.txt
    @{lines}=                 Split To Lines    ${transcript}
    FOR    ${line}    IN    @{lines}
        Wait For Line On Uart    ${line}
    END
    Wait For Log Entry        firmware exited with status 4
    ${status}=                Execute Command    mm ExitStatus
    Should Be Equal As Integers    ${status}    4
    ${check}=                 Execute Command    mm CheckInvariants
    Should Contain            ${check}    OK

Hang Keeps Running Until Stopped
    Execute Command           $elf=@${CURDIR}/../firmware/build/hang.elf
    Execute Command           include @${CURDIR}/../scripts/harmony-renode.resc
    Create Terminal Tester    sysbus.uart0    timeout=60
    Start Emulation
    Wait For Line On Uart     hang: spinning forever
    ${exited}=                Execute Command    mm HasExited
    Should Contain            ${exited}    False

Real Bodies Of LOS Functions Are Redirected To The Model
    Execute Command           $elf=@${CURDIR}/../firmware/build/test_real_bodies.elf
    Execute Command           include @${CURDIR}/../scripts/harmony-renode.resc
    Create Terminal Tester    sysbus.uart0    timeout=60
    Create Log Tester         60
    Start Emulation
    ${transcript}=            Get File    ${CURDIR}/../firmware/transcripts/test_real_bodies.txt
    @{lines}=                 Split To Lines    ${transcript}
    FOR    ${line}    IN    @{lines}
        Wait For Line On Uart    ${line}
    END
    Wait For Log Entry        firmware exited with status 0
    ${status}=                Execute Command    mm ExitStatus
    Should Be Equal As Integers    ${status}    0
    ${check}=                 Execute Command    mm CheckInvariants
    Should Contain            ${check}    OK

A Page That Held Code Runs The New Code
    Execute Command           $elf=@${CURDIR}/../firmware/build/test_code_reuse.elf
    Execute Command           include @${CURDIR}/../scripts/harmony-renode.resc
    Create Terminal Tester    sysbus.uart0    timeout=60
    Create Log Tester         60
    Start Emulation
    ${transcript}=            Get File    ${CURDIR}/../firmware/transcripts/test_code_reuse.txt
    @{lines}=                 Split To Lines    ${transcript}
    FOR    ${line}    IN    @{lines}
        Wait For Line On Uart    ${line}
    END
    Wait For Log Entry        firmware exited with status 0
    ${status}=                Execute Command    mm ExitStatus
    Should Be Equal As Integers    ${status}    0
    ${check}=                 Execute Command    mm CheckInvariants
    Should Contain            ${check}    OK

Idle Computes Between Two Hypercalls
    Execute Command           $elf=@${CURDIR}/../firmware/build/idle.elf
    Execute Command           include @${CURDIR}/../scripts/harmony-renode.resc
    Create Terminal Tester    sysbus.uart0    timeout=60
    Create Log Tester         60
    Start Emulation
    ${transcript}=            Get File    ${CURDIR}/../firmware/transcripts/idle.txt
    @{lines}=                 Split To Lines    ${transcript}
    FOR    ${line}    IN    @{lines}
        Wait For Line On Uart    ${line}
    END
    Wait For Log Entry        firmware exited with status 0
    ${status}=                Execute Command    mm ExitStatus
    Should Be Equal As Integers    ${status}    0
    ${check}=                 Execute Command    mm CheckInvariants
    Should Contain            ${check}    OK

Exit Status Above 255 Reaches The Host Whole
    Execute Command           $elf=@${CURDIR}/../firmware/build/exit_status.elf
    Execute Command           include @${CURDIR}/../scripts/harmony-renode.resc
    Create Terminal Tester    sysbus.uart0    timeout=60
    Create Log Tester         60
    Start Emulation
    ${transcript}=            Get File    ${CURDIR}/../firmware/transcripts/exit_status.txt
    @{lines}=                 Split To Lines    ${transcript}
    FOR    ${line}    IN    @{lines}
        Wait For Line On Uart    ${line}
    END
    Wait For Log Entry        firmware exited with status 300
    ${status}=                Execute Command    mm ExitStatus
    Should Be Equal As Integers    ${status}    300
