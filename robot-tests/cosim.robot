*** Test Cases ***
The Board And The Device Exchange Checksums Over A UART Hub
    [Documentation]    scripts/cosim.resc with names of our own: the board (cosim.elf, the memory manager) and the
    ...                checksum device (a Cortex-M3) each print their transcript; at the end the board exited 0 and the
    ...                model is back where it booted: no finding, no leak, the invariants hold, every page free again.
    Import Resource           ${CURDIR}/memory-oracle.resource
    Execute Command           $board_name="liteos"
    Execute Command           $device_name="checksum"
    Execute Command           $link_name="serial"
    Execute Command           $elf=@${CURDIR}/../firmware/build/cosim.elf
    Execute Command           $device_elf=@${CURDIR}/../firmware/build/device/checksum.elf
    Execute Command           include @${CURDIR}/../scripts/cosim.resc
    ${board}=                 Create Terminal Tester    sysbus.uart0    timeout=60    machine=liteos
    ${device}=                Create Terminal Tester    sysbus.uart0    timeout=60    machine=checksum
    Create Log Tester         60
    Execute Command           mach set "liteos"
    ${free_at_boot}=          Execute Command    sysbus ReadDoubleWord 0x0B000014
    Start Emulation
    ${transcript}=            Get File    ${CURDIR}/../firmware/transcripts/cosim.txt
    @{lines}=                 Split To Lines    ${transcript}
    FOR    ${line}    IN    @{lines}
        Wait For Line On Uart    ${line}    testerId=${board}
    END
    Wait For Log Entry        firmware exited with status 0
    ${answers}=               Get File    ${CURDIR}/../firmware/transcripts/cosim_device.txt
    @{lines}=                 Split To Lines    ${answers}
    FOR    ${line}    IN    @{lines}
        Wait For Line On Uart    ${line}    testerId=${device}
    END
    Execute Command           mach set "liteos"
    ${exited}=                Execute Command    mm HasExited
    Should Contain            ${exited}    True
    ${status}=                Execute Command    mm ExitStatus
    Should Be Equal As Integers    ${status}    0
    ${check}=                 Execute Command    mm CheckInvariants
    Should Contain            ${check}    OK
    Memory Manager Should Report No Findings
    Memory Manager Should Have No Leaks
    ${free}=                  Execute Command    sysbus ReadDoubleWord 0x0B000014
    Should Be Equal As Integers    ${free}    ${free_at_boot}
