using System.Collections.Generic;
using System.Linq;
using HarmonyRenode.Core.Guest;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Guest
{
    public class ElfSymbolLookupTests
    {
        [Test]
        public void Symbols_from_an_engine_lookup_keep_only_what_it_knows()
        {
            var known = new Dictionary<string, uint> { ["g_hrConfig"] = 0x40010000, ["LOS_MemAlloc"] = 0x40001000 };

            var symbols = ElfSymbols.FromLookup(0x40000000, new[] { "g_hrConfig", "LOS_MemAlloc", "LOS_VMalloc" },
                name => known.TryGetValue(name, out var a) ? a : (uint?)null);

            Assert.That(symbols.Entry, Is.EqualTo(0x40000000));
            Assert.That(symbols.AddressOf("g_hrConfig"), Is.EqualTo(0x40010000));
            Assert.That(symbols.AddressOf("LOS_MemAlloc"), Is.EqualTo(0x40001000));
            Assert.That(symbols.Contains("LOS_VMalloc"), Is.False);
        }

        [Test]
        public void The_names_an_engine_must_look_up_cover_the_abi_and_every_hooked_function()
        {
            var names = LiteOsGuestSession.SymbolNames.ToList();

            Assert.That(names, Does.Contain("g_firstPageTable").And.Contain("hr_data_abort_host").And.Contain("LOS_KernelMalloc"));
            Assert.That(LosMemoryHooks.SymbolNames, Is.EquivalentTo(LosMemoryHooks.Register(new GuestHookTable(), null).Names));
            Assert.That(names, Is.Unique);
            Assert.That(names, Is.SupersetOf(GuestAbi.Symbols));
        }
    }
}
