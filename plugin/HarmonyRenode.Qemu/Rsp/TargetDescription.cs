using System;
using System.Collections.Generic;
using System.Xml.Linq;

namespace HarmonyRenode.Qemu.Rsp
{
    /// <summary>
    /// Register names → GDB register numbers from the stub's target.xml and its includes (GDB manual, "Target
    /// Descriptions"): numbers follow document order unless a `regnum` attribute resets them. QEMU's system
    /// register numbers change between builds, so nothing here is hard-coded (docs/qemu-gdb.md).
    /// </summary>
    public sealed class TargetDescription
    {
        private readonly Dictionary<string, int> numbers = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        public int Count => numbers.Count;

        public IEnumerable<string> Names => numbers.Keys;

        /// <summary>Parses target.xml, fetching each `xi:include` through <paramref name="readAnnex"/>.</summary>
        public static TargetDescription Load(Func<string, string> readAnnex)
        {
            var description = new TargetDescription();
            var next = 0;
            description.AddDocument(readAnnex, "target.xml", ref next);
            return description;
        }

        public bool TryGet(string name, out int number) => numbers.TryGetValue(name, out number);

        public int this[string name]
        {
            get
            {
                if (!numbers.TryGetValue(name, out var n))
                {
                    throw new QemuException($"QEMU's target description has no register '{name}'");
                }
                return n;
            }
        }

        private void AddDocument(Func<string, string> readAnnex, string annex, ref int next)
        {
            // QEMU writes `<xi:include>` without declaring the xi prefix, which XML parsers reject: drop the prefix.
            var text = readAnnex(annex).Replace("<xi:include", "<include");
            var xml = XDocument.Parse(text, LoadOptions.None);
            foreach (var element in xml.Root.DescendantsAndSelf())
            {
                switch (element.Name.LocalName)
                {
                    case "include":
                        AddDocument(readAnnex, (string)element.Attribute("href"), ref next);
                        break;
                    case "reg":
                        var regnum = (string)element.Attribute("regnum");
                        if (regnum != null)
                        {
                            next = int.Parse(regnum);
                        }
                        var name = (string)element.Attribute("name");
                        if (!numbers.ContainsKey(name))
                        {
                            numbers[name] = next;
                        }
                        next++;
                        break;
                }
            }
        }
    }
}
