//go:build !race

package tagwrite

const raceEnabled = false
