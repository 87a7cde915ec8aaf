// Command eval measures how well taxo suggests the terms editors gave a
// site's pages, beside three baselines:
//
//	go run ./internal/eval [-folds N] [-seed S] [-md] SITE...
//
// Each SITE is a Hugo site with a hugo-answer/ folder (as in
// ../shared/corpus/hugo-sites); each of its languages is measured apart.
// The tagged pages are split in N folds by a hash of the seed and their
// path; each fold in turn is the test, the model learning from the other
// pages only, and each test page is suggested for from its text alone
// (title, description, body: its front matter, and so its terms, left
// out). Per taxonomy it prints, over the test pages that carry a term of
// it, the precision at 3 (P@3), the recall at 10 (R@10) and the mean
// reciprocal rank of the first right term (MRR), for taxo and for:
//
//   - prior: the terms most pages carry, whatever the content;
//   - bm25: Okapi BM25 of the page against each term's text;
//   - knn: the 10 training pages most like the page (TF-IDF cosine), each
//     voting its similarity for its terms.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"slices"
	"strings"
	"text/tabwriter"
)

func main() {
	folds := flag.Int("folds", 5, "split the tagged pages in N folds, each tested on once")
	seed := flag.Uint64("seed", 1, "the seed of the split")
	md := flag.Bool("md", false, "print a markdown table")
	brief := flag.Bool("brief", false, "print P@3 only, one line a taxonomy")
	only := flag.String("methods", "", "measure only these methods (comma-separated)")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: go run ./internal/eval [-folds N] [-seed S] [-md] SITE...")
		flag.PrintDefaults()
	}
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile to `file`")
	flag.Parse()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err == nil && pprof.StartCPUProfile(f) == nil {
			defer pprof.StopCPUProfile()
		}
	}
	if flag.NArg() == 0 || *folds < 2 {
		flag.Usage()
		os.Exit(2)
	}
	methods := []method{prior, bm25, knn, text, taxo}
	if *only != "" {
		methods = slices.DeleteFunc(methods, func(m method) bool { return !slices.Contains(strings.Split(*only, ","), m.name) })
	}
	if *md {
		printMarkdownHeader(os.Stdout, methods)
	}
	for _, dir := range flag.Args() {
		langs, err := siteLanguages(dir)
		if err != nil {
			fmt.Fprintln(os.Stderr, "eval:", err)
			exit(1)
		}
		for _, lang := range langs {
			s, err := readSite(dir, lang)
			if err != nil {
				fmt.Fprintln(os.Stderr, "eval:", err)
				exit(1)
			}
			res := evaluate(s, methods, *folds, *seed)
			if *brief {
				printBrief(os.Stdout, s, res)
			} else if *md {
				printMarkdownRows(os.Stdout, s, res)
			} else {
				printResult(os.Stdout, s, res, *folds, *seed)
			}
		}
	}
}

// printResult writes one site's figures: per taxonomy, a line per method.
func printResult(out io.Writer, s *site, res *result, folds int, seed uint64) {
	fmt.Fprintf(out, "%s: %d tagged pages, %d folds, seed %d\n", s.name, len(s.pages), folds, seed)
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	for _, tax := range res.taxonomies {
		first := res.by[tax][res.methods[0]]
		fmt.Fprintf(w, "%s\t%d pages, %d terms, %.1f a page, %.0f%% unknown\tP@3\tR@10\tMRR\t\n", tax, first.pages, res.terms[tax],
			float64(first.labels)/float64(max(first.pages, 1)), 100*float64(first.unreachable)/float64(max(first.labels, 1)))
		for _, m := range res.methods {
			sc := res.by[tax][m]
			fmt.Fprintf(w, "\t%s\t%.3f\t%.3f\t%.3f\t\n", m, sc.P3(), sc.R10(), sc.MRR())
		}
	}
	w.Flush()
	fmt.Fprintln(out)
}

func printMarkdownHeader(out io.Writer, methods []method) {
	var names []string
	for _, m := range methods {
		names = append(names, m.name)
	}
	fmt.Fprintf(out, "| site | taxonomy | pages | P@3 %s | R@10 %s | MRR %s |\n", strings.Join(names, " / "), strings.Join(names, " / "), strings.Join(names, " / "))
	fmt.Fprintln(out, "| --- | --- | ---: | --- | --- | --- |")
}

func printMarkdownRows(out io.Writer, s *site, res *result) {
	for _, tax := range res.taxonomies {
		var p3, r10, mrr []string
		for _, m := range res.methods {
			sc := res.by[tax][m]
			p3 = append(p3, fmt.Sprintf("%.3f", sc.P3()))
			r10 = append(r10, fmt.Sprintf("%.3f", sc.R10()))
			mrr = append(mrr, fmt.Sprintf("%.3f", sc.MRR()))
		}
		fmt.Fprintf(out, "| %s | %s | %d | %s | %s | %s |\n", s.name, tax, res.by[tax][res.methods[0]].pages,
			strings.Join(p3, " / "), strings.Join(r10, " / "), strings.Join(mrr, " / "))
	}
}

func printBrief(out io.Writer, s *site, res *result) {
	for _, tax := range res.taxonomies {
		fmt.Fprintf(out, "%-26s %-11s", s.name, tax)
		for _, m := range res.methods {
			fmt.Fprintf(out, " %s %.3f", m, res.by[tax][m].P3())
		}
		sc := res.by[tax][res.methods[0]]
		fmt.Fprintf(out, " ceiling %.3f", sc.ceiling/float64(max(sc.pages, 1)))
		fmt.Fprintln(out)
	}
}

// exit stops the profile, if any, before leaving.
func exit(code int) {
	pprof.StopCPUProfile()
	os.Exit(code)
}
