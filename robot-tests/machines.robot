*** Test Cases ***
Two Machines With The Memory Manager Run Side By Side
    Execute Command           $elf=@${CURDIR}/../firmware/build/hello.elf
    Execute Command           $machine_name="first"
    Execute Command           include @${CURDIR}/../scripts/harmony-renode.resc
    Execute Command           $elf=@${CURDIR}/../firmware/build/test_heap.elf
    Execute Command           $machine_name="second"
    Execute Command           include @${CURDIR}/../scripts/harmony-renode.resc
    ${first}=                 Create Terminal Tester    sysbus.uart0    timeout=60    machine=first
    ${second}=                Create Terminal Tester    sysbus.uart0    timeout=60    machine=second
    Start Emulation
    Wait For Line On Uart     hello from LiteOS-A kernel window    testerId=${first}
    Wait For Line On Uart     test_heap: PASS    testerId=${second}
    Execute Command           mach set "first"
    ${status}=                Execute Command    mm ExitStatus
    Should Be Equal As Integers    ${status}    0
    ${image}=                 Execute Command    mm Image
    Should End With           ${image.strip()}    hello.elf
    ${check}=                 Execute Command    mm CheckInvariants
    Should Contain            ${check}    OK
    Execute Command           mach set "second"
    ${status}=                Execute Command    mm ExitStatus
    Should Be Equal As Integers    ${status}    0
    ${image}=                 Execute Command    mm Image
    Should End With           ${image.strip()}    test_heap.elf
    ${check}=                 Execute Command    mm CheckInvariants
    Should Contain            ${check}    OK

The Cortex-A15 Variant For A Stock Renode Runs The Demo
    Execute Command           $platform="cortex-a15-virt"
    Execute Command           include @${CURDIR}/../scripts/harmony-renode.resc
    ${cpu}=                   Execute Command    sysbus.cpu Model
    Should Contain            ${cpu}    cortex-a15
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

Reset Reboots The Model, Also After Load
    Execute Command           $elf=@${CURDIR}/../firmware/build/test_user_mmap.elf
    Execute Command           include @${CURDIR}/../scripts/harmony-renode.resc
    Create Terminal Tester    sysbus.uart0    timeout=60
    Create Log Tester         60
    Start Emulation
    Wait For Line On Uart     test_user_mmap: PASS
    Wait For Log Entry        firmware exited with status 0
    Execute Command           machine Reset
    Start Emulation
    Wait For Line On Uart     user mmap: round 1 exit status 0    pauseEmulation=true
    Execute Command           Save @${TEMPDIR}/harmony-renode-reset.save
    Execute Command           Clear
    Execute Command           Load @${TEMPDIR}/harmony-renode-reset.save
    Execute Command           mach set "harmony"
    Execute Command           machine Reset
    ${booted}=                Execute Command    mm IsBooted
    Should Contain            ${booted}    True
    ${exited}=                Execute Command    mm HasExited
    Should Contain            ${exited}    False
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
