*** Variables ***
${ROOT}                       ${CURDIR}/..

*** Keywords ***
Firmware Should Print Its Transcript
    [Documentation]    Boots ${elf} (a path in the repository) with the memory manager and holds its UART output
    ...                to firmware/transcripts/<program>.txt, line by line.
    [Arguments]               ${elf}
    ${file}=                  Fetch From Right    ${elf}    /
    ${program}=               Remove String    ${file}    .elf
    Execute Command           $elf=@${ROOT}/${elf}
    Execute Command           include @${ROOT}/scripts/harmony-renode.resc
    Create Terminal Tester    sysbus.uart0    timeout=60
    Create Log Tester         60
    Start Emulation
    ${transcript}=            Get File    ${ROOT}/firmware/transcripts/${program}.txt
    @{lines}=                 Split To Lines    ${transcript}
    FOR    ${line}    IN    @{lines}
        Wait For Line On Uart    ${line}
    END

Firmware Should Print Its Transcript And Exit
    [Documentation]    As above, then hr_exit's ${status} reaches the host and the model's invariant check says ${invariants}.
    [Arguments]               ${elf}    ${status}    ${invariants}=OK
    Firmware Should Print Its Transcript    ${elf}
    Wait For Log Entry        firmware exited with status ${status}
    ${actual}=                Execute Command    mm ExitStatus
    Should Be Equal As Integers    ${actual}    ${status}
    ${check}=                 Execute Command    mm CheckInvariants
    Should Contain            ${check}    ${invariants}

*** Test Cases ***
Hello Boots On The Model's Tables
    Firmware Should Print Its Transcript And Exit    firmware/build/hello.elf    0

Demo Runs Heap, Vmalloc And Two User Processes
    Firmware Should Print Its Transcript And Exit    firmware/build/demo.elf    0

Heap Keeps Every Pattern Between The Host's Headers
    Firmware Should Print Its Transcript And Exit    firmware/build/test_heap.elf    0

Vmalloc Pages Are The Same Memory Through The Kernel Alias
    Firmware Should Print Its Transcript And Exit    firmware/build/test_vmalloc.elf    0

User Mmap Is Demand-Paged By Host-Serviced Faults
    Firmware Should Print Its Transcript And Exit    firmware/build/test_user_mmap.elf    0

User Process Mremap On The Loader Layout
    Firmware Should Print Its Transcript And Exit    firmware/build/test_user_mremap.elf    0

Copy-On-Write After A Space Clone
    Firmware Should Print Its Transcript And Exit    firmware/build/test_cow.elf    0

System V Shared Memory Is Shared Across A Fork
    Firmware Should Print Its Transcript And Exit    firmware/build/test_shm.elf    0

Writes To A Read-Only Region End The Process With SIGUSR2
    Firmware Should Print Its Transcript And Exit    firmware/build/test_readonly.elf    0

User Access To Kernel Memory Is Reported And The System Continues
    Firmware Should Print Its Transcript And Exit    firmware/build/test_user_kaddr.elf    0

Bad Frees Get LOS_NOK And The Heap Survives
    Firmware Should Print Its Transcript And Exit    firmware/build/test_free_errors.elf    0

Private Pools Live Beside The System Pool
    Firmware Should Print Its Transcript And Exit    firmware/build/test_mem_pools.elf    0

Spaces And Regions Are Found As The Kernel Finds Them
    Firmware Should Print Its Transcript And Exit    firmware/build/test_vm_lookup.elf    0

Spaces And Regions Are Kernel Structures In Guest RAM
    Firmware Should Print Its Transcript And Exit    firmware/build/test_vm_objects.elf    0

A Driver Maps The UART As Device Memory And Gets DMA Buffers
    Firmware Should Print Its Transcript And Exit    firmware/build/test_driver.elf    0

The Guest MMU Walks The Model's Tables
    Firmware Should Print Its Transcript And Exit    firmware/build/test_tables.elf    0

Bench Runs To The End
    Firmware Should Print Its Transcript And Exit    firmware/build/bench.elf    0

A Heap Overflow Makes LOS_MemIntegrityCheck Panic
    Firmware Should Print Its Transcript    firmware/build/heap_overflow.elf
    Wait For Log Entry        LOS_Panic in LOS_MemIntegrityCheck: Memory integrity check error, cur node: 0x40012cf4, pre node: 0x40012cc8
    ${failure}=               Execute Command    mm Failure
    Should Contain            ${failure}    Memory integrity check error

A Heap Scribble Is Named By The Invariant Check
    Firmware Should Print Its Transcript And Exit    firmware/build/heap_scribble.elf    0    invariants=heap header

An Unreplaced LOS Body Traps With Exit 4
    Firmware Should Print Its Transcript And Exit    firmware/build/probe_tables.elf    4

Hang Keeps Running Until Stopped
    Execute Command           $elf=@${CURDIR}/../firmware/build/hang.elf
    Execute Command           include @${CURDIR}/../scripts/harmony-renode.resc
    Create Terminal Tester    sysbus.uart0    timeout=60
    Start Emulation
    Wait For Line On Uart     hang: spinning forever
    ${exited}=                Execute Command    mm HasExited
    Should Contain            ${exited}    False

Real Bodies Of LOS Functions Are Redirected To The Model
    Firmware Should Print Its Transcript And Exit    firmware/build/test_real_bodies.elf    0

A Page That Held Code Runs The New Code
    Firmware Should Print Its Transcript And Exit    firmware/build/test_code_reuse.elf    0

Idle Computes Between Two Hypercalls
    Firmware Should Print Its Transcript And Exit    firmware/build/idle.elf    0

Exit Status Above 255 Reaches The Host Whole
    Firmware Should Print Its Transcript    firmware/build/exit_status.elf
    Wait For Log Entry        firmware exited with status 300
    ${status}=                Execute Command    mm ExitStatus
    Should Be Equal As Integers    ${status}    300
