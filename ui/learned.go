package ui

import (
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"

	tea "charm.land/bubbletea/v2"

	"taxo/loader"
	"taxo/model"
	"taxo/model/learn"
)

// The learned suggester (model/learn) the browser's suggestions come
// from: S and the tagging screen share one per taxonomy shown.

// learnedModel is the learned model of one taxonomy shown. It is built
// the first time a screen asks for it, in that screen's tea.Cmd, and then
// kept: a second S, or the tagging screen after S, asks the same one. A
// reload brings a new taxonomy with a new learnedModel, and the old one
// goes with the old taxonomy.
type learnedModel struct {
	once  sync.Once
	build func() *learn.Model
	model *learn.Model
	built atomic.Bool // the model is there: asking for it costs nothing
}

// newLearnedModel is where the browser's learned model comes from: built
// from the terms of tx and its tagged pages (the language shown, drafts
// too), their bodies read from the site's files; or read from the index
// cache, when it keeps one built from the same terms and pages (the
// pages' files told by their stamps, their bodies not read).
func newLearnedModel(tx *model.Taxonomy, site *siteView) *learnedModel {
	body := (&loader.Result{Root: tx.Root}).Body
	var stamp func(*model.Page) (string, bool)
	var store learn.Store
	if site != nil {
		body = site.res.Body
		if k := site.res.Keeper(); k != nil {
			store, stamp = k, site.res.PageStamp
		}
	}
	return &learnedModel{build: func() *learn.Model {
		return learn.KeptSite(tx.Graph, body, stamp, store)
	}}
}

// get is the model, built by the first caller; the others wait for it.
// It may take a while (a second or so for thousands of pages): call it
// in a tea.Cmd.
func (l *learnedModel) get() *learn.Model {
	l.once.Do(func() {
		l.model = l.build()
		l.built.Store(true)
	})
	return l.model
}

// ready reports whether the model is built, for the screens to say what
// a wait is for.
func (l *learnedModel) ready() bool { return l != nil && l.built.Load() }

// warmCmd builds the model in the background, so that it is ready by the
// time the first suggestion is asked for; it brings no message.
func (l *learnedModel) warmCmd() tea.Cmd {
	if l == nil {
		return nil
	}
	return func() tea.Msg {
		l.get()
		return nil
	}
}

// termFit is a term suggested for a piece of content, with its score and
// why.
type termFit struct {
	term  *model.Term
	score float64
	// learned says the score is a chance, from 0 to 1, that an editor
	// would give the content the term, learned from the site's tagged
	// pages; otherwise it ranks the terms by the content's words.
	learned bool
	why     []string // the words of the content that fit the term
	against []string // the words its Instructions exclude
	like    []learn.PageRef
}

// scoreText is the score as the screens show it: a chance as a
// percentage, a text's score as it is.
func (f termFit) scoreText() string {
	if f.learned {
		return fmt.Sprintf("%d%%", int(f.score*100+0.5))
	}
	return strconv.FormatFloat(f.score, 'f', 2, 64)
}

// kindFits are the suggestions of one taxonomy, best first.
type kindFits struct {
	kind model.Kind
	// learned says the taxonomy's tagged pages taught the model, and the
	// scores are chances.
	learned bool
	fits    []termFit
}

// fitsFor ranks the terms of g for c with m: limit of each of g's
// taxonomies, in g's order (one that nothing fits has no fits), each term
// g's own.
func fitsFor(m *learn.Model, g *model.Graph, c learn.Content, limit int) []kindFits {
	byName := map[string]learn.Ranking{}
	for _, r := range m.Suggest(c, limit) {
		byName[r.Taxonomy] = r
	}
	var out []kindFits
	for _, k := range g.Kinds() {
		r := byName[k.Taxonomy()]
		kf := kindFits{kind: k, learned: r.Learned}
		for _, x := range r.Suggestions {
			if t := g.Get(x.Term.ID); t != nil {
				kf.fits = append(kf.fits, termFit{term: t, score: x.Score, learned: r.Learned, why: x.Why, against: x.Against, like: x.Pages})
			}
		}
		out = append(out, kf)
	}
	return out
}
