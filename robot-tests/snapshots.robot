*** Test Cases ***
A Firmware Continues After Save And Load With The Model's State
    Execute Command           $elf=@${CURDIR}/../firmware/build/test_user_mmap.elf
    Execute Command           include @${CURDIR}/../scripts/harmony-renode.resc
    Create Terminal Tester    sysbus.uart0    timeout=60
    # The wait starts the emulation itself and pauses it inside the UART write of the matching line: hooked calls
    # cost microseconds now, so a separate `Start Emulation` lets the whole firmware finish before the wait begins.
    Wait For Line On Uart     user mmap: round 1 exit status 0    pauseEmulation=true
    ${before}=                Execute Command    mm Free
    Execute Command           Save @${TEMPDIR}/harmony-renode-snapshot.save
    Execute Command           Clear
    Execute Command           Load @${TEMPDIR}/harmony-renode-snapshot.save
    Execute Command           mach set "harmony"
    ${after}=                 Execute Command    mm Free
    Should Be Equal           ${before}    ${after}
    Create Terminal Tester    sysbus.uart0    timeout=60
    Start Emulation
    Wait For Line On Uart     user mmap: round 2 exit status 0
    Wait For Line On Uart     test_user_mmap: PASS
    ${check}=                 Execute Command    mm CheckInvariants
    Should Contain            ${check}    OK
