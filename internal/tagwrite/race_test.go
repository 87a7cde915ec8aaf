//go:build race

package tagwrite

// raceEnabled is set under the race detector, which makes the corpus round
// trip about ten times slower: it then tries fewer pages.
const raceEnabled = true
