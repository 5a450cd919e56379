// Package suggest measures how far apart two words are, so that error
// messages can offer the name a user probably meant ("secruity" →
// "security").
package suggest

import "strings"

// Distance is the optimal-string-alignment edit distance between a and b,
// compared without regard to case: inserting, deleting or replacing a
// letter counts as one edit, and so does swapping two neighbouring letters
// ("secruity"), the commonest typing slip.
func Distance(a, b string) int {
	ra, rb := []rune(strings.ToLower(a)), []rune(strings.ToLower(b))
	// d[i][j] is the distance between the first i runes of a and the first
	// j runes of b.
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
