using NUnit.Framework;

// End-to-end runs mostly wait on GDB round trips, not on a CPU: a few QEMUs at once fit a 2-core CI machine.
[assembly: LevelOfParallelism(4)]
