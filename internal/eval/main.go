// Command eval measures how well taxo suggests the terms editors gave a
// site's pages, beside three baselines:
//
//	go run ./internal/eval [-folds N] [-seed S] [-md] SITE...
//	go run ./internal/eval -labelled FILE TAXONOMY
//
// Each SITE is a Hugo site (as in ../shared/corpus/hugo-sites), read as
// taxo reads it; each of its languages is measured apart, on its pages
// that carry a term (drafts too).
// The tagged pages are split in N folds by a hash of the seed and their
// path; each fold in turn is the test, the model learning from the other
// pages only, and each test page is suggested for from its text alone
// (title, description, body: its front matter, and so its terms, left
// out), its path and its date. A term only test pages carry does not exist
// for the model, and counts as a miss. Per taxonomy it prints, over the
// test pages that carry a term of it, the precision at 3 (P@3), the recall
// at 10 (R@10) and the mean reciprocal rank of the first right term (MRR)
// for taxo and for:
//
//   - prior: the terms most pages carry, whatever the content;
//   - bm25: Okapi BM25 of the page against each term's text;
//   - knn: the 10 training pages most like the page (TF-IDF cosine), each
//     voting its similarity for its terms;
//   - text: taxo's suggestions from the terms' own text alone, as they were
//     before taxo learned from pages.
//
// -labelled measures the same on a labelled set of pieces of content for a
// taxonomy with no tagged pages (model/testdata/suggest/nkdagility.yaml for
// ../shared/corpus/nkdagility).
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
)

// options are the command line's flags.
type options struct {
	folds     int
	seed      uint64
	md, brief bool
	methods   string
	labelled  string
	show      string
}

func main() {
	var o options
	flag.IntVar(&o.folds, "folds", 5, "split the tagged pages in N folds, each tested on once")
	flag.Uint64Var(&o.seed, "seed", 1, "the seed of the split")
	flag.BoolVar(&o.md, "md", false, "print a markdown table")
	flag.BoolVar(&o.brief, "brief", false, "print P@3 only, one line a taxonomy")
	flag.StringVar(&o.methods, "methods", "", "measure only these methods (comma-separated)")
	flag.StringVar(&o.show, "show", "", "print each test page's labels of `TAXONOMY` and every method's first three")
	flag.StringVar(&o.labelled, "labelled", "", "measure on the labelled set in `FILE` for the taxonomy given")
	flag.Usage = func() {
		out := flag.CommandLine.Output()
		fmt.Fprintln(out, "usage: go run ./internal/eval [-folds N] [-seed S] [-md] SITE...")
		fmt.Fprintln(out, "       go run ./internal/eval -labelled FILE TAXONOMY")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 || o.folds < 2 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(o, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "eval:", err)
		os.Exit(1)
	}
}

func run(o options, args []string) error {
	methods := []method{prior, bm25, knn, text, taxo}
	if o.methods != "" {
		methods = slices.DeleteFunc(methods, func(m method) bool { return !slices.Contains(strings.Split(o.methods, ","), m.name) })
	}
	if o.labelled != "" {
		res, err := evaluateLabelled(o.labelled, args[0], methods)
		if err != nil {
			return err
		}
		printResult(os.Stdout, res)
		return nil
	}
	if o.md {
		printMarkdownHeader(os.Stdout, methods)
	}
	for _, dir := range args {
		sites, err := readSites(dir)
		if err != nil {
			return err
		}
		for _, s := range sites {
			var show io.Writer
			if o.show != "" {
				show = os.Stdout
			}
			res := evaluate(s, methods, o.folds, o.seed, show, o.show)
			switch {
			case o.brief:
				printBrief(os.Stdout, res)
			case o.md:
				printMarkdownRows(os.Stdout, res)
			default:
				printResult(os.Stdout, res)
			}
		}
	}
	return nil
}

// printResult writes one site's figures: per taxonomy, a line per method.
func printResult(out io.Writer, res *result) {
	fmt.Fprintln(out, res.title)
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
	fmt.Fprintf(out, "| site | taxonomy | pages | P@3 %s | taxo ÷ best baseline | R@10 %s | MRR %s |\n", strings.Join(names, " / "), strings.Join(names, " / "), strings.Join(names, " / "))
	fmt.Fprintln(out, "| --- | --- | ---: | --- | ---: | --- | --- |")
}

func printMarkdownRows(out io.Writer, res *result) {
	for _, tax := range res.taxonomies {
		var p3, r10, mrr []string
		for _, m := range res.methods {
			sc := res.by[tax][m]
			p3 = append(p3, fmt.Sprintf("%.3f", sc.P3()))
			r10 = append(r10, fmt.Sprintf("%.3f", sc.R10()))
			mrr = append(mrr, fmt.Sprintf("%.3f", sc.MRR()))
		}
		fmt.Fprintf(out, "| %s | %s | %d | %s | %s | %s | %s |\n", res.site, tax, res.by[tax][res.methods[0]].pages,
			strings.Join(p3, " / "), ratio(res, tax), strings.Join(r10, " / "), strings.Join(mrr, " / "))
	}
}

// printBrief writes P@3 alone, one line a taxonomy, with the best any
// ranking could reach given the terms the model cannot know.
func printBrief(out io.Writer, res *result) {
	for _, tax := range res.taxonomies {
		fmt.Fprintf(out, "%-26s %-11s", res.site, tax)
		for _, m := range res.methods {
			fmt.Fprintf(out, " %s %.3f", m, res.by[tax][m].P3())
		}
		sc := res.by[tax][res.methods[0]]
		fmt.Fprintf(out, " ceiling %.3f\n", sc.ceiling/float64(max(sc.pages, 1)))
	}
}

// ratio is taxo's P@3 over the best of the three baselines', "–" when
// either is not measured.
func ratio(res *result, tax string) string {
	var best float64
	for _, m := range []string{prior.name, bm25.name, knn.name} {
		if sc, ok := res.by[tax][m]; ok {
			best = max(best, sc.P3())
		}
	}
	sc, ok := res.by[tax][taxo.name]
	if !ok || best == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f×", sc.P3()/best)
}
