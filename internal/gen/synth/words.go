package synth

import (
	"math"
	"math/rand/v2"
	"strings"
)

// The vocabulary: common words of writing about work and products, most
// frequent first, then made-up words for the long tail that real text has
// (names, jargon, rare words). Templates supply the stopwords.

var nouns = strings.Fields(`team work value flow product customer delivery process system feedback
	practice goal outcome change quality decision strategy leader organisation backlog
	release risk plan metric data learning culture structure role service feature
	market stakeholder experiment test code design platform pipeline incident budget
	portfolio roadmap priority constraint bottleneck queue handoff dependency capacity
	forecast estimate increment iteration cadence review retrospective board item
	ticket workflow transparency trust accountability ownership autonomy alignment
	purpose mission vision principle habit routine ritual ceremony artifact tool
	method framework model theory evidence signal hypothesis assumption insight
	knowledge skill competence mastery craft discipline coach mentor manager engineer
	developer tester designer analyst architect operator sponsor owner user buyer
	contract agreement policy rule guideline standard measure threshold target limit
	cost waste effort delay defect failure recovery resilience stability reliability
	security compliance audit governance funding investment return revenue margin
	growth adoption retention churn satisfaction engagement motivation morale safety
	conflict tension debate consensus negotiation influence power hierarchy network
	community guild chapter tribe squad unit department division function silo
	interface contract module component service boundary domain context language
	pattern antipattern heuristic checklist template canvas map diagram chart report
	dashboard story scenario journey persona interview survey prototype pilot launch
	rollout migration upgrade refactoring automation integration deployment build
	environment cluster cloud server network database schema query cache index log
	alert monitor trace probe sensor experiment variant cohort funnel conversion`)

var adjectives = strings.Fields(`adaptive agile lean empirical iterative incremental continuous frequent
	small large complex simple complicated chaotic stable volatile uncertain clear
	shared distributed remote local global internal external strategic tactical
	operational technical social human digital manual automated visible hidden
	explicit implicit formal informal fast slow steady predictable sustainable
	resilient fragile robust modular coupled cohesive autonomous aligned focused
	cross-functional self-organising evidence-based outcome-driven customer-centric
	long-term short-term early late healthy toxic safe risky honest transparent
	measurable qualitative quantitative practical theoretical foundational advanced
	emergent deliberate experimental proven common rare useful wasteful valuable`)

var verbs = strings.Fields(`deliver improve measure inspect adapt align plan build test release learn
	reduce increase limit visualise prioritise refine estimate forecast decide
	coordinate integrate automate deploy monitor review discuss explore validate
	share coach support enable remove avoid expose surface question challenge
	simplify split combine replace protect balance sustain stabilise accelerate
	shorten lengthen track compare model map design fund govern organise scale`)

// accented are title words with letters beyond ASCII, for the few percent
// of titles that have them.
var accented = strings.Fields(`Qualität Équipe Prüfung Stratégie Café Niño Øresund Kraków Málaga
	Führung Entscheidung Métrique Évolution Zusammenarbeit Größe Señal Cadência
	Μέθοδος Μετρική Метрика Команда Поток 品質 改善 流れ チーム 価値`)

// syllables make up the words of the long tail.
var syllables = strings.Fields(`ka lo mi ren tor vel ash quin dra mor sen tik bal fen gro hul ix jor
	lun mes nor pha qua ril sto tru ul vyn wex yar zel ber cam dor eth fal gim hax`)

// vocabulary is every word text is drawn from, most frequent first: the
// real words, then the made-up tail.
type vocabulary struct {
	words []string
	real  int // words[:real] are real words
}

// tailWords is how many made-up words follow the real ones.
const tailWords = 60000

// newVocabulary makes the vocabulary; it is the same for every seed, so
// that taxonomies of different seeds speak one language.
func newVocabulary() *vocabulary {
	r := rand.New(rand.NewPCG(1, 2))
	words := make([]string, 0, len(nouns)+len(adjectives)+len(verbs)+tailWords)
	// Interleave the classes so that each has frequent and rare members.
	for i := range max(len(nouns), len(adjectives), len(verbs)) {
		for _, class := range [][]string{nouns, adjectives, verbs} {
			if i < len(class) {
				words = append(words, class[i])
			}
		}
	}
	real := len(words)
	seen := make(map[string]bool, tailWords)
	for len(words) < cap(words) {
		var b strings.Builder
		for range 2 + r.IntN(3) {
			b.WriteString(syllables[r.IntN(len(syllables))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	return &vocabulary{words: words, real: real}
}

// word draws a word by a Zipf-like law (about two thirds of draws are
// real words, the rest spread over the long tail).
func (v *vocabulary) word(r *rand.Rand) string {
	return v.words[zipfRank(r, len(v.words))]
}

// tail draws a made-up word, the frequent ones more often.
func (v *vocabulary) tail(r *rand.Rand) string {
	return v.words[v.real+zipfRank(r, len(v.words)-v.real)]
}

// zipfRank draws a rank in [0, n) with probability about proportional to
// (rank+q)^-s, by inverting the continuous distribution.
func zipfRank(r *rand.Rand, n int) int {
	const s, q = 1.15, 5.0
	lo, hi := math.Pow(q, 1-s), math.Pow(float64(n)+q, 1-s)
	x := math.Pow(lo-r.Float64()*(lo-hi), 1/(1-s)) - q
	return min(max(int(x), 0), n-1)
}
