package scenarios

import (
	"caspian/internal/suggest"
	"sort"
	"strings"
	"unicode/utf8"
)

// nearest returns the candidate closest to s, if it is close enough to be
// a likely typo: one edit for short words such as agent codes, two for
// longer ones, a third of the word for long ones. Ties go to the
// alphabetically first candidate so messages are stable.
func nearest(s string, candidates []string) (string, bool) {
	n := utf8.RuneCountInString(s)
	if n > maxSuggest {
		// Nobody mistypes a word that long; comparing it would cost time
		// and memory in proportion to its length squared.
		return "", false
	}
	limit := 1
	if n > 4 {
		limit = max(2, n/3)
	}
	best, bestD := "", limit+1
	sorted := append([]string(nil), candidates...)
	sort.Strings(sorted)
	for _, c := range sorted {
		if c == s {
			continue
		}
		if m := utf8.RuneCountInString(c); m > maxSuggest || m-n > limit || n-m > limit {
			continue // too long, or too different in length to be within reach
		}
		if d := suggest.Distance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best, best != ""
}

// maxSuggest is the longest word, in characters, for which a near miss
// is looked for.
const maxSuggest = 64

// didYouMean returns a hint naming the nearest candidate, or, when none is
// close, the whole list if it is short enough to read.
func didYouMean(s string, candidates []string, what string) string {
	if c, ok := nearest(s, candidates); ok {
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
