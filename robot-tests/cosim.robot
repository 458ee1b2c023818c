*** Test Cases ***
The Board And The Device Exchange Checksums Over A UART Hub
    Execute Command           $board_name="board"
    Execute Command           $device_name="device"
    Execute Command           $elf=@${CURDIR}/../firmware/build/cosim.elf
    Execute Command           $device_elf=@${CURDIR}/../firmware/build/device/checksum.elf
    Execute Command           include @${CURDIR}/../scripts/cosim.resc
    ${board}=                 Create Terminal Tester    sysbus.uart0    timeout=60    machine=board
    ${device}=                Create Terminal Tester    sysbus.uart0    timeout=60    machine=device
    Execute Command           mach set "board"
    ${free_at_boot}=          Execute Command    sysbus ReadDoubleWord 0x0B000014
    Start Emulation
    ${transcript}=            Get File    ${CURDIR}/../firmware/transcripts/cosim.txt
    @{lines}=                 Split To Lines    ${transcript}
    FOR    ${line}    IN    @{lines}
        Wait For Line On Uart    ${line}    testerId=${board}
    END
    ${answers}=               Get File    ${CURDIR}/../firmware/transcripts/cosim_device.txt
    @{lines}=                 Split To Lines    ${answers}
    FOR    ${line}    IN    @{lines}
        Wait For Line On Uart    ${line}    testerId=${device}
    END
    Execute Command           mach set "board"
    ${exited}=                Execute Command    mm HasExited
    Should Contain            ${exited}    True
    ${status}=                Execute Command    mm ExitStatus
    Should Be Equal As Integers    ${status}    0
    ${check}=                 Execute Command    mm CheckInvariants
    Should Contain            ${check}    OK
    ${free}=                  Execute Command    sysbus ReadDoubleWord 0x0B000014
    Should Be Equal As Integers    ${free}    ${free_at_boot}
