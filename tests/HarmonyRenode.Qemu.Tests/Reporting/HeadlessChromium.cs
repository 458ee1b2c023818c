using System;
using System.Diagnostics;
using System.IO;
using NUnit.Framework;

namespace HarmonyRenode.Qemu.Tests.Reporting
{
    /// <summary>
    /// Debian's `chromium` headless, offline and with a fresh profile, as the report test drives it: one run dumps the
    /// DOM, takes a screenshot and writes a NetLog of every request it made. scripts/test.sh installs it when missing.
    /// </summary>
    public sealed class HeadlessChromium
    {
        public string Dom { get; private set; }

        public string Log { get; private set; }

        public string NetLog { get; private set; }

        public int ExitCode { get; private set; }

        public static HeadlessChromium Render(string htmlPath, string screenshotPath, string workDirectory)
        {
            var profile = Path.Combine(workDirectory, "chromium-profile-" + Guid.NewGuid().ToString("N"));
            var netLog = Path.Combine(workDirectory, "netlog-" + Guid.NewGuid().ToString("N") + ".json");
            var start = new ProcessStartInfo("chromium")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr", "--log-level=0",
                "--log-net-log=" + netLog, "--window-size=1200,3400", "--screenshot=" + screenshotPath, "--dump-dom",
                new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(arg);
            }
            Process chromium;
            try
            {
                chromium = Process.Start(start);
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                Assert.Fail($"cannot run chromium ({ex.Message}); install it: apt-get install -y --no-install-recommends chromium (scripts/test.sh does)");
                throw;
            }
            using (chromium)
            {
                var stdout = chromium.StandardOutput.ReadToEndAsync();
                var stderr = chromium.StandardError.ReadToEndAsync();
                if (!chromium.WaitForExit(120_000))
                {
                    chromium.Kill(true);
                    Assert.Fail("chromium did not finish in 2 minutes");
                }
                chromium.WaitForExit();
                var result = new HeadlessChromium
                {
                    ExitCode = chromium.ExitCode,
                    Dom = stdout.Result,
                    Log = stderr.Result,
                    NetLog = File.Exists(netLog) ? File.ReadAllText(netLog) : null,
                };
                try
                {
                    Directory.Delete(profile, true);
                }
                catch (IOException)
                {
                    // a late write of the profile: the work directory is the test run's own
                }
                return result;
            }
        }
    }
}
