package jobs

import (
	"fmt"
	"strings"

	"caspian/scenarios"
)

// ReadOverlay reads the overrides of an overlay file, one PATH = VALUE a
// line (as sim calibrate writes one with the values it fitted), so that
// every job that takes overrides takes a fitted scenario the same way. A
// file over a mebibyte is refused: an overlay is a few lines.
func ReadOverlay(path string) ([]scenarios.Set, error) {
	data, err := scenarios.ReadFile(path, 1<<20)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	sets, err := scenarios.ReadOverlay(path, data)
	if err != nil {
		return nil, fmt.Errorf("%s has problems, so nothing was run:\n  %s", path, strings.ReplaceAll(err.Error(), "\n", "\n  "))
	}
	return sets, nil
}
