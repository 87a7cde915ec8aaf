package model

import (
	"strings"
	"time"
)

// Page is one content page of a Hugo site: a post, a leaf bundle's
// index.md, or a branch bundle's _index.md (a section, or the home page),
// with the terms its front matter gives it. Its body is not kept: the
// loader reads it when asked.
type Page struct {
	// Path is the file relative to the site root, slash-separated, as in
	// content/post/2022/x.fr.md.
	Path        string
	Lang        string // the language's code, as the site config names it
	Title       string
	Description string
	Section     bool // a branch bundle's _index.md
	// Parent is the section the page is in, in its language: the nearest
	// folder above it with an _index.md (the home page's at the top); nil
	// when there is none. Hugo drops what is in a section it does not
	// publish.
	Parent *Page

	// The dates as Hugo works them out from the front matter (date, else
	// publishDate, else lastmod; publishDate, else date; expiryDate), each
	// zero when the front matter gives none; Draft from draft, else from
	// published.
	Date        time.Time
	PublishDate time.Time
	ExpiryDate  time.Time
	Lastmod     time.Time
	Draft       bool

	// Terms are the terms the page carries, in front matter order, each
	// once per kind however many spellings name it.
	Terms []PageTerm
	// Fields are the other front matter fields, in file order.
	Fields []Field
}

// PageTerm is one term a page carries.
type PageTerm struct {
	Kind Kind
	// Key is Hugo's key for the term: its spelling with spaces turned to
	// hyphens, characters a URL path cannot hold dropped, in lower case
	// ("Self Hosted" and "self-hosted" are both "self-hosted").
	Key       string
	Title     string // the spelling the page uses
	Line, Col int    // where the spelling stands; 0 when unknown
}

// ID is the ID of the term: "<taxonomy>/<key>".
func (pt PageTerm) ID() ID { return MakeID(pt.Kind, pt.Key) }

// DisplayTitle is the title, or the file's name when the front matter
// gives none.
func (p *Page) DisplayTitle() string {
	if strings.TrimSpace(p.Title) != "" {
		return p.Title
	}
	return p.Path[strings.LastIndexByte(p.Path, '/')+1:]
}

// Field returns the value of the named extra field, matching the key in any case.
func (p *Page) Field(key string) (any, bool) {
	for _, f := range p.Fields {
		if strings.EqualFold(f.Key, key) {
			return f.Value, true
		}
	}
	return nil, false
}

// TermsOf returns the keys of the terms p carries of kind k, in front
// matter order.
func (p *Page) TermsOf(k Kind) []PageTerm {
	var out []PageTerm
	for _, pt := range p.Terms {
		if pt.Kind == k {
			out = append(out, pt)
		}
	}
	return out
}

// ComparePages orders pages for display: newest first (by Date, undated
// pages last), then by path.
func ComparePages(a, b *Page) int {
	if !a.Date.Equal(b.Date) {
		switch {
		case a.Date.IsZero():
			return 1
		case b.Date.IsZero():
			return -1
		case a.Date.After(b.Date):
			return -1
		default:
			return 1
		}
	}
	return strings.Compare(a.Path, b.Path)
}

// PageState is whether Hugo publishes a page, and if not, why.
type PageState uint8

// The states of a page, in the order Hugo checks them.
const (
	Published PageState = iota
	Draft               // draft: true, and the site does not build drafts
	Future              // published after now, and the site does not build future pages
	Expired             // expired before now, and the site does not build expired pages
	Hidden              // in a section that is not published, which Hugo drops whole
)

// String names the state: "published", "draft", "future", "expired",
// "hidden".
func (s PageState) String() string {
	switch s {
	case Draft:
		return "draft"
	case Future:
		return "future"
	case Expired:
		return "expired"
	case Hidden:
		return "hidden"
	default:
		return "published"
	}
}

// MarshalText writes the state's name, for JSON.
func (s PageState) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Publishing is what decides which pages Hugo publishes: the moment of the
// build (Hugo's --clock) and the site's buildDrafts, buildFuture and
// buildExpired.
type Publishing struct {
	Now                     time.Time
	Drafts, Future, Expired bool
}

// State says whether Hugo would publish p, or why not: a draft first, then
// a publish date after Now, then an expiry date before Now, each unless
// the site builds such pages; then whether every section it is in is
// published.
func (pub Publishing) State(p *Page) PageState {
	if s := pub.own(p); s != Published {
		return s
	}
	for s := p.Parent; s != nil; s = s.Parent {
		if pub.own(s) != Published {
			return Hidden
		}
	}
	return Published
}

// own is State without the sections.
func (pub Publishing) own(p *Page) PageState {
	switch {
	case p.Draft && !pub.Drafts:
		return Draft
	case !pub.Future && !p.PublishDate.IsZero() && p.PublishDate.After(pub.Now):
		return Future
	case !pub.Expired && !p.ExpiryDate.IsZero() && p.ExpiryDate.Before(pub.Now):
		return Expired
	}
	return Published
}

// Publishes reports whether Hugo would publish p.
func (pub Publishing) Publishes(p *Page) bool { return pub.State(p) == Published }
