#!/usr/bin/env bash
# Reads the output of `dotnet test` (a file, or stdin) and prints one closing line,
# `tests: N passed, N failed, N skipped`, summed over the test assemblies. A test host that crashed or was aborted
# prints no summary of its own: each one counts as a failed test and is named in the line. Exits 1 when anything
# failed or aborted, else 0.
set -euo pipefail
awk '
    /Test run for / { runs++ }
    /Test Run Aborted/ { aborted++ }
    /(Passed|Failed)!  - Failed:/ {
        summaries++
        gsub(",", "")
        for (i = 1; i <= NF; i++) {
            if ($i == "Failed:") f += $(i + 1)
            if ($i == "Passed:") p += $(i + 1)
            if ($i == "Skipped:") s += $(i + 1)
        }
    }
    END {
        # An assembly that started but never summarised died, whatever it printed on the way out.
        lost = runs - summaries
        if (aborted > lost) lost = aborted
        line = sprintf("tests: %d passed, %d failed, %d skipped", p, f + lost, s)
        if (lost > 0) line = line sprintf(" (%d test host%s crashed or aborted)", lost, lost == 1 ? "" : "s")
        print line
        exit (f + lost > 0) ? 1 : 0
    }' "${1:-/dev/stdin}"
