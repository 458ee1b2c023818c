using HarmonyRenode.Tests;
using System;
using System.Diagnostics;
using System.IO;
using NUnit.Framework;

namespace HarmonyRenode.Qemu.Tests
{
    /// <summary>
    /// Builds the firmware once per test run with its Makefile. A missing toolchain fails the test with the install
    /// command: end-to-end tests never pass or skip without real firmware.
    /// </summary>
    public static class FirmwareBuild
    {
        private static readonly Lazy<string> Built = new Lazy<string>(BuildAll);

        public static string Elf(string program)
        {
            var path = Path.Combine(Built.Value, program + ".elf");
            Assert.That(File.Exists(path), Is.True, $"make did not produce {path}");
            return path;
        }

        private static string BuildAll()
        {
            var firmware = RepoPaths.Firmware;
            var start = new ProcessStartInfo("make", "-j2 all")
            {
                WorkingDirectory = firmware,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            Process make;
            try
            {
                make = Process.Start(start);
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                Assert.Fail($"cannot run make ({ex.Message}); install it: apt-get install -y --no-install-recommends make gcc-arm-none-eabi qemu-system-arm");
                throw;
            }
            var stdout = make.StandardOutput.ReadToEndAsync();
            var stderr = make.StandardError.ReadToEnd();
            if (!make.WaitForExit(300_000))
            {
                make.Kill(true);
                Assert.Fail("firmware build did not finish in 5 minutes");
            }
            if (make.ExitCode != 0)
            {
                var hint = stderr.Contains("arm-none-eabi-gcc") && (stderr.Contains("not found") || stderr.Contains("No such file"))
                    ? "the ARM toolchain is missing: apt-get install -y --no-install-recommends gcc-arm-none-eabi\n"
                    : "";
                Assert.Fail($"firmware build failed (make exit {make.ExitCode}):\n{hint}{stdout.Result}\n{stderr}");
            }
            return Path.Combine(firmware, "build");
        }
    }
}
