package scenarios

import (
	"caspian/internal/suggest"
	"sort"
	"strings"
)

// didYouMean returns a hint naming the nearest candidate, or, when none is
// close, the whole list if it is short enough to read.
func didYouMean(s string, candidates []string, what string) string {
	if c, ok := suggest.Nearest(s, candidates); ok {
		return "did you mean " + quote(c) + "?"
	}
	return listHint(candidates, what)
}

// listHint names the valid choices, or says where to find them when there
// are too many for one message.
func listHint(candidates []string, what string) string {
	if len(candidates) == 0 {
		return ""
	}
	sorted := append([]string(nil), candidates...)
	sort.Strings(sorted)
	if len(sorted) > 30 {
		return "see docs/scenarios.md for the " + what
	}
	return what + ": " + strings.Join(sorted, ", ")
}

// quote wraps s in double quotes the way it would be written in TOML.
func quote(s string) string { return `"` + s + `"` }
