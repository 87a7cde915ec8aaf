// Package synth makes synthetic taxonomies shaped like real ones, for
// benchmarks and load tests: a Hugo content/ folder of concepts, categories
// and tags, each term a markdown file of about 5 KB with the usual front
// matter (title, description, abstract, Instructions with what the term is
// for and what it excludes, weight, icon, date, headline, sitemap, lists of
// concepts, categories and tags) and a body. The same count and seed always
// give the same files. The command in internal/gen writes them to disk:
// go run ./internal/gen N DIR.
//
// Shape, per term: 1–2 concepts, 1–3 categories and 5–15 tags listed, a few
// percent of them titles no file has; about 4% concepts, 16% categories and
// 80% tags; most terms in <slug>/_index.md, some in <slug>.md and 3% in
// both (the flat file holding a title and description, as real sites have
// them); 2% of titles with letters beyond ASCII.
package synth

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"taxo/model"
)

// File is one generated file: a slash-separated path under the taxonomy
// root (content/tags/x/_index.md) and its bytes.
type File struct {
	Path string
	Data []byte
}

// Rates of the shape described in the package comment, in percent.
const (
	conceptShare   = 4
	categoryShare  = 16
	missingRefRate = 3
	bothLayouts    = 3
	flatOnly       = 12
	accentedTitles = 2
)

// term is what the generator decides about one term before writing it.
type term struct {
	kind  model.Kind
	title string
	slug  string
}

// Generate returns the files of n terms and of the three taxonomy folders'
// _index.md, in a stable order, deterministically for seed.
func Generate(n int, seed uint64) []File {
	v := newVocabulary()
	terms := plan(n, seed, v)
	byKind := [model.NumKinds][]string{}
	for _, t := range terms {
		byKind[t.kind] = append(byKind[t.kind], t.title)
	}
	files := make([]File, 0, n+n/20+3)
	for _, k := range model.Kinds {
		files = append(files, File{Path: "content/" + k.Taxonomy() + "/_index.md",
			Data: []byte("---\ntitle: " + k.Label() + "\n---\n")})
	}
	for i, t := range terms {
		r := rand.New(rand.NewPCG(seed, uint64(i)+1))
		w := &writer{r: r, v: v, t: t, topic: topicWords(r, v, t)}
		dir := "content/" + t.kind.Taxonomy() + "/"
		layout := r.IntN(100)
		full := w.file(byKind)
		switch {
		case layout < bothLayouts:
			files = append(files, File{Path: dir + t.slug + "/_index.md", Data: full},
				File{Path: dir + t.slug + ".md", Data: w.flat()})
		case layout < bothLayouts+flatOnly:
			files = append(files, File{Path: dir + t.slug + ".md", Data: full})
		default:
			files = append(files, File{Path: dir + t.slug + "/_index.md", Data: full})
		}
	}
	return files
}

// plan picks every term's kind and a title unique within its kind (by
// slug too).
func plan(n int, seed uint64, v *vocabulary) []term {
	r := rand.New(rand.NewPCG(seed, 0))
	slugs := make(map[string]bool, n)
	terms := make([]term, 0, n)
	for i := range n {
		k := model.Tag
		switch {
		case i%100 < conceptShare:
			k = model.Concept
		case i%100 < conceptShare+categoryShare:
			k = model.Category
		}
		for {
			title := makeTitle(r, v, k)
			slug := model.Urlize(title)
			key := k.Taxonomy() + "/" + slug
			if slug != "" && !slugs[key] {
				slugs[key] = true
				terms = append(terms, term{kind: k, title: title, slug: slug})
				break
			}
		}
	}
	return terms
}

// makeTitle makes a title of one to three words, longer for tags, in title
// case: nouns, maybe after an adjective, now and then a made-up word.
func makeTitle(r *rand.Rand, v *vocabulary, k model.Kind) string {
	n := 1 + r.IntN(2)
	if k == model.Tag {
		n = 1 + r.IntN(3)
	}
	words := make([]string, 0, n)
	for len(words) < n {
		var w string
		switch {
		case r.IntN(10) == 0:
			w = v.tail(r)
		case len(words) == 0 && n > 1 && r.IntN(2) == 0:
			w = adjectives[zipfRank(r, len(adjectives))]
		default:
			w = nouns[zipfRank(r, len(nouns))]
		}
		if w = titleCase(w); !slices.Contains(words, w) {
			words = append(words, w)
		}
	}
	if r.IntN(100) < accentedTitles {
		words[r.IntN(n)] = accented[r.IntN(len(accented))]
	}
	return strings.Join(words, " ")
}

func titleCase(w string) string {
	parts := strings.Split(w, "-")
	for i, p := range parts {
		if p != "" {
			parts[i] = strings.ToUpper(p[:1]) + p[1:]
		}
	}
	return strings.Join(parts, "-")
}

// topicWords are the words a term's text keeps coming back to: its title's
// and a few of its own.
func topicWords(r *rand.Rand, v *vocabulary, t term) []string {
	words := strings.Fields(strings.ToLower(t.title))
	for range 6 + r.IntN(5) {
		words = append(words, v.word(r))
	}
	return words
}

// Write writes files under dir, making folders as needed. It refuses a dir
// that already holds a content/ folder, so as never to overwrite a real
// taxonomy.
func Write(dir string, files []File) error {
	if _, err := os.Stat(filepath.Join(dir, "content")); err == nil {
		return fmt.Errorf("%s already holds a content folder", dir)
	}
	made := map[string]bool{}
	for _, f := range files {
		if !fs.ValidPath(f.Path) {
			return fmt.Errorf("invalid path %q", f.Path)
		}
		name := filepath.Join(dir, filepath.FromSlash(f.Path))
		if d := path.Dir(f.Path); !made[d] {
			if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
				return err
			}
			made[d] = true
		}
		if err := os.WriteFile(name, f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// writer writes one term's file.
type writer struct {
	r     *rand.Rand
	v     *vocabulary
	t     term
	topic []string
	b     strings.Builder
}

// baseDate is when the synthetic terms were "written".
var baseDate = time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC)

func (w *writer) file(byKind [model.NumKinds][]string) []byte {
	t := w.t
	w.b.Grow(6 << 10)
	date := baseDate.Add(time.Duration(w.r.IntN(300*24)) * time.Hour)
	w.line("---")
	w.field("title", quote(t.title))
	w.field("description", quote(w.sentences(2+w.r.IntN(2))))
	w.field("ClassificationType", t.kind.Taxonomy())
	w.field("trustpilot", "false")
	w.field("abstract", quote(w.sentences(8+w.r.IntN(4))))
	w.field("date", date.Format(time.RFC3339))
	w.field("weight", strconv.Itoa(10*(1+w.r.IntN(60))))
	w.field("icon", "fa-"+strings.ReplaceAll(w.v.word(w.r), " ", "-"))
	w.field("ClassificationContentOrigin", "AI")
	w.line("Instructions: |-")
	w.instructions()
	w.line("headline:")
	w.line("  cards: []")
	w.line("  title: " + quote(t.title))
	w.line("  subtitle: " + quote(w.sentences(1)))
	w.line("  content: " + quote(w.sentences(2)))
	w.line("  updated: " + date.Add(72*time.Hour).Format(time.RFC3339))
	w.field("BodyContentGenDate", date.Add(96*time.Hour).Format("2006-01-02T15:04:05"))
	w.line("sitemap:")
	w.line("  filename: sitemap.xml")
	w.line("  priority: 0.7")
	w.refs(model.Concept, 1+w.r.IntN(2), byKind[model.Concept])
	w.refs(model.Category, 1+w.r.IntN(3), byKind[model.Category])
	w.refs(model.Tag, 5+w.r.IntN(11), byKind[model.Tag])
	w.line("---")
	w.body(byKind[model.Tag])
	return []byte(w.b.String())
}

// flat is the small file a term also has in the other layout.
func (w *writer) flat() []byte {
	return []byte("---\ntitle: " + quote(w.t.title) + "\ndescription: " + quote(w.sentences(1)) + "\n---\n")
}

func (w *writer) line(s string) {
	w.b.WriteString(s)
	w.b.WriteByte('\n')
}

func (w *writer) field(key, value string) { w.line(key + ": " + value) }

// Headings of the Instructions, in the forms real files use.
var (
	useHeadings = []string{"**Key Topics:**", "**Key topics that should be discussed under this category include:**",
		"**Key topics to be discussed under this category:**", "**Scope and Purpose:**"}
	excludeHeadings = []string{"**Strictly exclude:**", "**Strictly Exclude:**", "**Strict Exclusions:**", "**Exclusions:**"}
)

func (w *writer) instructions() {
	kind := w.t.kind.String()
	if w.r.IntN(4) == 0 {
		kind = "category"
	}
	w.line("  **Use this " + kind + " only for discussions on " + w.t.title + ".**  ")
	w.line("  " + w.sentences(2+w.r.IntN(2)))
	w.line("")
	w.line("  " + useHeadings[w.r.IntN(len(useHeadings))])
	for range 5 + w.r.IntN(4) {
		w.line("  - " + w.phrase())
	}
	w.line("")
	if w.r.IntN(3) == 0 {
		w.line("  **Strictly exclude** " + lowerFirst(w.sentences(1+w.r.IntN(2))))
		return
	}
	w.line("  " + excludeHeadings[w.r.IntN(len(excludeHeadings))])
	for range 2 + w.r.IntN(3) {
		w.line("  - " + w.phrase())
	}
}

// refs lists count titles of kind k, mostly popular ones, a few with no
// file at all.
func (w *writer) refs(k model.Kind, count int, titles []string) {
	w.line(k.Taxonomy() + ":")
	seen := map[string]bool{w.t.title: true}
	// A popular title drawn twice is drawn again, a few times at most, for
	// small taxonomies that have fewer titles than count.
	for listed, tries := 0, 0; listed < count && tries < 4*count; tries++ {
		var title string
		if len(titles) == 0 || w.r.IntN(100) < missingRefRate {
			title = "Missing " + titleCase(w.v.tail(w.r)) + " " + titleCase(w.v.tail(w.r))
		} else {
			title = titles[zipfRank(w.r, len(titles))]
		}
		if !seen[title] {
			seen[title] = true
			w.line("- " + quote(title))
			listed++
		}
	}
}

func (w *writer) body(tags []string) {
	for p := range 3 + w.r.IntN(3) {
		if p > 0 && w.r.IntN(2) == 0 {
			w.line("## " + titleCase(w.adjective()) + " " + w.noun())
			w.line("")
		}
		w.line(w.sentences(5 + w.r.IntN(4)))
		w.line("")
		if w.r.IntN(3) == 0 {
			for range 3 + w.r.IntN(3) {
				w.line("- " + w.phrase())
			}
			w.line("")
		}
	}
	if len(tags) > 0 && w.r.IntN(2) == 0 {
		tag := tags[w.r.IntN(len(tags))]
		w.line("See also [" + tag + `]({{< ref "/tags/` + model.Urlize(tag) + `" >}}).`)
	}
}

// Sentence templates: %N a noun, %A an adjective, %V a verb (base form),
// %T a word of the term's topic, %X the term's title.
var templates = []string{
	"%X helps teams %V the %N of %A %N.",
	"A %A %N lets the %N %V %T without losing %N.",
	"When the %N is %A, teams %V %T and %V the %N.",
	"Leaders who %V %T see %A %N and fewer %N.",
	"The %N of %T depends on how the %N is %A.",
	"Without %A %T, every %N becomes a %N to %V.",
	"%X connects %T with the %A %N that the %N needs.",
	"Teams %V the %N early, so that %T stays %A.",
	"It is %A to %V %T when the %N is %A.",
	"Good %T starts with a %A %N and a %N that people %V.",
	"The %A %N is where %T and %N meet.",
	"Many organisations %V %T, but few %V the %N behind it.",
	"Measuring %T shows whether the %N is %A or merely %A.",
	"A %N that is too %A will %V the %T of the whole %N.",
	"%X is not a %N; it is a %A way to %V %T.",
	"Over time, %A %T turns a %N into a %A %N.",
	"Ask what the %N needs before you %V the %T.",
	"In practice, %T means that every %N can %V the %N.",
}

func (w *writer) sentences(n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = w.sentence(templates[w.r.IntN(len(templates))])
	}
	return strings.Join(parts, " ")
}

func (w *writer) sentence(tmpl string) string {
	var b strings.Builder
	for i := 0; i < len(tmpl); i++ {
		if tmpl[i] != '%' || i+1 == len(tmpl) {
			b.WriteByte(tmpl[i])
			continue
		}
		i++
		switch tmpl[i] {
		case 'N':
			b.WriteString(w.noun())
		case 'A':
			b.WriteString(w.adjective())
		case 'V':
			b.WriteString(w.verb())
		case 'T':
			b.WriteString(w.topic[w.r.IntN(len(w.topic))])
		case 'X':
			b.WriteString(w.t.title)
		}
	}
	return upperFirst(b.String())
}

// phrase is a list item: a short noun phrase about the topic.
func (w *writer) phrase() string {
	return titleCase(w.adjective()) + " " + w.noun() + " and " + w.topic[w.r.IntN(len(w.topic))] + " " + w.noun()
}

// noun, adjective and verb draw a real word of their class three times in
// four, and a made-up word of the long tail otherwise.
func (w *writer) noun() string      { return w.pick(nouns) }
func (w *writer) adjective() string { return w.pick(adjectives) }
func (w *writer) verb() string      { return w.pick(verbs) }

func (w *writer) pick(class []string) string {
	if w.r.IntN(4) == 0 {
		return w.v.tail(w.r)
	}
	return class[zipfRank(w.r, len(class))]
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// quote writes s as a YAML double-quoted scalar.
func quote(s string) string { return strconv.Quote(s) }
