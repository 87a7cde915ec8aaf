package learn

import (
	"math"
	"os"
	"slices"
	"strings"
	"unicode/utf8"

	"taxo/model"
)

// entry is one word of a page's vector and its weight.
type entry struct {
	word int32
	x    float32
}

// vector is a text as weighted words, sorted by word, of unit length.
type vector []entry

// counts are the words of a text with how often they occur: the words
// search compares, stopwords left out, and, in scripts written without
// spaces (Chinese, Japanese), each pair of characters side by side too,
// since one character says little.
func counts(text string) map[string]float64 {
	c := make(map[string]float64)
	var prev []byte
	prevEnd := -1
	var prevWord string
	titleEnd := strings.IndexByte(text, '\n')
	model.Words(text, func(w []byte, start, end int, stop bool) {
		if expBigrams {
			if !stop && prevWord != "" {
				c[prevWord+" "+string(w)]++
			}
			if stop {
				prevWord = ""
			} else {
				prevWord = string(w)
			}
		}
		if expTitleWeight > 0 && start < titleEnd && !stop {
			c[string(w)] += expTitleWeight
		}
		single := isSingleIdeograph(w)
		if single && prevEnd == start && prev != nil {
			c[string(prev)+string(w)]++
		}
		if single {
			prev, prevEnd = append(prev[:0], w...), end
		} else {
			prev, prevEnd = prev[:0], -1
		}
		if !stop {
			c[string(w)]++
		}
	})
	return c
}

// isSingleIdeograph reports whether w is one character of a script
// written without spaces, which the word scanner makes a word of its own.
func isSingleIdeograph(w []byte) bool {
	if len(w) == 0 || w[0] < utf8.RuneSelf {
		return false
	}
	_, size := utf8.DecodeRune(w)
	return size == len(w)
}

// weigh makes the vector of a text's counts: each word's weight is
// (1 + ln count) × idf, then the whole is scaled to unit length. Words
// with no idf (unknown, or too common to tell pages apart) are left out.
func weigh(c map[string]float64, vocab map[string]int32, idf []float32) vector {
	v := make(vector, 0, len(c))
	var norm float64
	for w, n := range c {
		id, ok := vocab[w]
		if !ok || idf[id] == 0 {
			continue
		}
		x := (1 + math.Log(n)) * float64(idf[id])
		v = append(v, entry{id, float32(x)})
		norm += x * x
	}
	if norm == 0 {
		return nil
	}
	inv := float32(1 / math.Sqrt(norm))
	for i := range v {
		v[i].x *= inv
	}
	slices.SortFunc(v, func(a, b entry) int { return int(a.word - b.word) })
	return v
}

var (
	expBigrams     = os.Getenv("TAXO_LEARN_BIGRAM") != ""
	expTitleWeight = envFloat("TAXO_LEARN_TITLEW", 0)
)
