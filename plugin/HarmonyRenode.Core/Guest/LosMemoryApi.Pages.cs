using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Core.Guest
{
    /// <summary>
    /// los_vm_phys.h / los_vm_page.h: a page is handed to the guest as a pointer to its LosVmPage descriptor in
    /// g_vmPageArray (the model writes the descriptor first), and a pointer the guest hands back is looked up there.
    /// </summary>
    public sealed partial class LosMemoryApi
    {
        public uint LOS_PhysPageAlloc() => AddressOf(Model.LOS_PhysPageAlloc());

        public void LOS_PhysPageFree(uint page)
        {
            if (page == 0)
            {
                return;
            }
            var item = PageOf(page);
            if (item == null)
            {
                Log.Log(LogLevel.Error, $"[ERR]LOS_PhysPageFree 0x{page:x8} is not a LosVmPage of g_vmPageArray");
                return;
            }
            Model.LOS_PhysPageFree(item);
        }

        public uint LOS_PhysPagesAllocContiguous(uint nPages) => Model.LOS_PhysPagesAllocContiguous(nPages);

        public void LOS_PhysPagesFreeContiguous(uint ptr, uint nPages) => Model.LOS_PhysPagesFreeContiguous(ptr, nPages);

        public uint LOS_VmPageGet(uint paddr) => AddressOf(Model.LOS_VmPageGet(paddr));

        public uint LOS_PhysPagesAlloc(uint nPages, uint list) => Model.LOS_PhysPagesAlloc(nPages, list);

        public uint LOS_PhysPagesFree(uint list) => Model.LOS_PhysPagesFree(list);
    }
}
