*** Test Cases ***
Vmm Pmm Free Memcheck And V2p Answer From The Monitor
    Execute Command           $elf=@${CURDIR}/../firmware/build/demo.elf
    Execute Command           include @${CURDIR}/../scripts/harmony-renode.resc
    Create Terminal Tester    sysbus.uart0    timeout=60
    Start Emulation
    Wait For Line On Uart     demo: done
    ${vmm}=                   Execute Command    mm Vmm
    Should Contain            ${vmm}    PID
    Should Contain            ${vmm}    0x40000000
    ${pmm}=                   Execute Command    mm Pmm
    Should Contain            ${pmm}    phys_seg
    ${free}=                  Execute Command    mm Free
    Should Contain            ${free}    Mem:
    ${memcheck}=              Execute Command    mm MemCheck
    Should Contain            ${memcheck}    system memcheck over, all passed!
    ${v2p}=                   Execute Command    mm V2p 0x40012910
    Should Contain            ${v2p}    vaddr should be in range(0x1000000~0x3e000000)
    ${shm}=                   Execute Command    mm Shm
    Should Contain            ${shm}    key      shmid    perms

The Register Window Counts Hooked Calls And Aborts
    Execute Command           $elf=@${CURDIR}/../firmware/build/demo.elf
    Execute Command           include @${CURDIR}/../scripts/harmony-renode.resc
    Create Terminal Tester    sysbus.uart0    timeout=60
    Start Emulation
    Wait For Line On Uart     demo: done
    ${magic}=                 Execute Command    sysbus ReadDoubleWord 0x0B000000
    Should Contain            ${magic}    0x4D4D5248
    ${aborts}=                Execute Command    mm Aborts
    Should Be True            ${aborts.strip()} >= 9
    ${aborts_register}=       Execute Command    sysbus ReadDoubleWord 0x0B00000C
    Should Be Equal As Integers    ${aborts_register.strip()}    ${aborts.strip()}
    ${booted}=                Execute Command    sysbus ReadDoubleWord 0x0B000004
    Should Be Equal As Integers    ${booted.strip()}    1
    ${violations}=            Execute Command    sysbus ReadDoubleWord 0x0B000018
    Should Be Equal As Integers    ${violations.strip()}    0

Trace And Report Are Written From The Monitor
    Execute Command           $elf=@${CURDIR}/../firmware/build/demo.elf
    Execute Command           include @${CURDIR}/../scripts/harmony-renode.resc
    Create Terminal Tester    sysbus.uart0    timeout=60
    Execute Command           mm TraceStart @${TEMPDIR}/harmony-renode-trace.json
    Start Emulation
    Wait For Line On Uart     demo: done
    ${trace}=                 Execute Command    mm TraceStop
    Should Contain            ${trace}    events written to
    ${report}=                Execute Command    mm Report @${TEMPDIR}/harmony-renode-report.html
    Should Contain            ${report}    report written to
