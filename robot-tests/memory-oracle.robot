*** Test Cases ***
A Double Free Is Reported With Its Allocation And First Free
    Import Resource           ${CURDIR}/memory-oracle.resource
    Execute Command           $elf=@${CURDIR}/../firmware/build/oracle_double_free.elf
    Run Firmware To Its Exit    oracle_double_free    0
    Memory Manager Should Report Finding    double-free    cleanup_twice
    Memory Manager Should Report Finding    double-free    make_message
    Memory Manager Should Report Finding    double-free    release_message

An Interior Pointer Free Is An Invalid Free
    Import Resource           ${CURDIR}/memory-oracle.resource
    Execute Command           $elf=@${CURDIR}/../firmware/build/oracle_invalid_free.elf
    Run Firmware To Its Exit    oracle_invalid_free    0
    Memory Manager Should Report Finding    invalid-free    free_payload
    Memory Manager Should Report Finding    wrong-api-free    drop_with_vfree

An Overflow Into The Next Header Is A Heap Overflow
    Import Resource           ${CURDIR}/memory-oracle.resource
    Execute Command           $elf=@${CURDIR}/../firmware/build/oracle_overflow.elf
    Execute Command           include @${CURDIR}/../scripts/harmony-renode.resc
    Create Terminal Tester    sysbus.uart0    timeout=60
    Create Log Tester         60
    Start Emulation
    Wait For Line On Uart     overflow: wrote over the next header
    Wait For Log Entry        LOS_Panic in LOS_MemIntegrityCheck: Memory integrity check error
    Memory Manager Should Report Finding    heap-overflow    new_record

A Heap Use After Free Is Found Under Sanitize
    Import Resource           ${CURDIR}/memory-oracle.resource
    Execute Command           $elf=@${CURDIR}/../firmware/build/oracle_heap_uaf.elf
    Run Firmware To Its Exit    oracle_heap_uaf    0    sanitize=True
    Memory Manager Should Report Finding    use-after-free    close_session

A Vmalloc Use After Free Faults At The Reading Function
    Import Resource           ${CURDIR}/memory-oracle.resource
    Execute Command           $elf=@${CURDIR}/../firmware/build/oracle_vmalloc_uaf.elf
    Run Firmware To Its Exit    oracle_vmalloc_uaf    5
    Memory Manager Should Report Finding    use-after-free    read_stale
    Memory Manager Should Report Finding    use-after-free    drop_table

A Page Block Use After Free Faults At The Writing Function Under Sanitize
    Import Resource           ${CURDIR}/memory-oracle.resource
    Execute Command           $elf=@${CURDIR}/../firmware/build/oracle_page_uaf.elf
    Run Firmware To Its Exit    oracle_page_uaf    0    sanitize=True
    Memory Manager Should Report Finding    use-after-free    blank_frame
    Memory Manager Should Report Finding    use-after-free    alloc_frame
    Memory Manager Should Report Finding    use-after-free    release_frame

A Single Page Use After Free Faults At The Writing Function Under Sanitize
    Import Resource           ${CURDIR}/memory-oracle.resource
    Execute Command           $elf=@${CURDIR}/../firmware/build/oracle_single_page_uaf.elf
    Run Firmware To Its Exit    oracle_single_page_uaf    0    sanitize=True
    Memory Manager Should Report Finding    use-after-free    clear_status
    Memory Manager Should Report Finding    use-after-free    grab_ring_page
    Memory Manager Should Report Finding    use-after-free    drop_ring_page

A Freed Uncached DMA Buffer Read Through Its Alias Faults Under Sanitize
    Import Resource           ${CURDIR}/memory-oracle.resource
    Execute Command           $elf=@${CURDIR}/../firmware/build/oracle_dma_uaf.elf
    Run Firmware To Its Exit    oracle_dma_uaf    0    sanitize=True
    Memory Manager Should Report Finding    use-after-free    read_completion
    Memory Manager Should Report Finding    use-after-free    open_ring
    Memory Manager Should Report Finding    use-after-free    close_ring

A Sampled Heap Overflow Faults On The Guard Page
    Import Resource           ${CURDIR}/memory-oracle.resource
    Execute Command           $elf=@${CURDIR}/../firmware/build/oracle_sampled_overflow.elf
    Run Firmware To Its Exit    oracle_sampled_overflow    0    sanitize=True    sample=1
    Memory Manager Should Report Finding    out-of-bounds    stamp_record
    Memory Manager Should Report Finding    out-of-bounds    new_record

Leaks After The Mark Are Reported By Site
    Import Resource           ${CURDIR}/memory-oracle.resource
    Execute Command           $elf=@${CURDIR}/../firmware/build/oracle_leak.elf
    Run Firmware To Its Exit    oracle_leak    0
    Memory Manager Should Report No Findings
    Memory Manager Should Report Leak From    load_config
    Memory Manager Should Report Leak From    cache_entry

A Correct Program Has No Findings And No Leaks After The Mark
    Import Resource           ${CURDIR}/memory-oracle.resource
    Execute Command           $elf=@${CURDIR}/../firmware/build/test_heap.elf
    Run Firmware To Its Exit    test_heap    0
    Memory Manager Should Report No Findings
    Memory Manager Should Have No Leaks
