package model_test

import (
	"testing"

	"taxo/model"
)

func TestUrlize(t *testing.T) {
	tests := []struct {
		name, title, want string
	}{
		{"words", "Agile Values and Principles", "agile-values-and-principles"},
		{"slash dropped", "CI/CD", "cicd"},
		{"apostrophe and bang dropped", "Don't Panic!", "dont-panic"},
		{"brackets dropped", "Ways of Working (WoW)", "ways-of-working-wow"},
		{"ampersand between words", "Salt & Pepper", "salt-pepper"},
		{"ampersand inside a word", "Q&A", "qa"},
		{"run of spaces is one hyphen", "Runs   of \t spaces", "runs-of-spaces"},
		{"tab between words", "Tab\tSeparated", "tab-separated"},
		{"no-break space between words", "Mise\u00a0en\u00a0Place", "mise-en-place"},
		{"leading and trailing spaces dropped", "  Padded  ", "padded"},
		{"hyphens kept", "Lacto-Fermentation", "lacto-fermentation"},
		{"spaced hyphen kept as Hugo does", "Before - After", "before---after"},
		{"underscore kept", "snake_case", "snake_case"},
		{"digits kept", "Top 10", "top-10"},
		{"accents kept and lowered", "Pâte À Choux", "pâte-à-choux"},
		{"combining marks kept", "Cafe\u0301", "cafe\u0301"},
		{"non-Latin script kept", "日本 料理", "日本-料理"},
		{"Cyrillic lowered", "Канбан Метод", "канбан-метод"},
		{"only punctuation", "?!", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := model.Urlize(tt.title); got != tt.want {
				t.Errorf("Urlize(%q) = %q, want %q", tt.title, got, tt.want)
			}
		})
	}
}

func TestIDSplit(t *testing.T) {
	tests := []struct {
		id       model.ID
		wantKind model.Kind
		wantSlug string
		wantOK   bool
	}{
		{"tags/scaling", model.Tag, "scaling", true},
		{"categories/product-development", model.Category, "product-development", true},
		{"concepts/capability", model.Concept, "capability", true},
		{"tag/scaling", model.Tag, "scaling", false},
		{"Tags/scaling", model.Tag, "scaling", false},
		{"widgets/scaling", model.Tag, "scaling", false},
		{"scaling", model.Tag, "", false},
	}
	for _, tt := range tests {
		t.Run(string(tt.id), func(t *testing.T) {
			k, slug, ok := tt.id.Split()
			if ok != tt.wantOK || (ok && (k != tt.wantKind || slug != tt.wantSlug)) {
				t.Errorf("Split() = %s, %q, %v; want %s, %q, %v", k, slug, ok, tt.wantKind, tt.wantSlug, tt.wantOK)
			}
			if ok {
				if back := model.MakeID(k, slug); back != tt.id {
					t.Errorf("MakeID(Split()) = %q, want %q", back, tt.id)
				}
			}
		})
	}
}

func TestParseKind(t *testing.T) {
	tests := []struct {
		in     string
		want   model.Kind
		wantOK bool
	}{
		{"concepts", model.Concept, true},
		{"Concept", model.Concept, true},
		{"CATEGORIES", model.Category, true},
		{"category", model.Category, true},
		{" tags ", model.Tag, true},
		{"tag", model.Tag, true},
		{"widgets", model.Tag, false},
		{"", model.Tag, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			k, ok := model.ParseKind(tt.in)
			if k != tt.want || ok != tt.wantOK {
				t.Errorf("ParseKind(%q) = %s, %v; want %s, %v", tt.in, k, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestKindNames(t *testing.T) {
	tests := []struct {
		kind                  model.Kind
		name, taxonomy, label string
	}{
		{model.Concept, "concept", "concepts", "Concepts"},
		{model.Category, "category", "categories", "Categories"},
		{model.Tag, "tag", "tags", "Tags"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, _ := tt.kind.MarshalText()
			got := [...]string{tt.kind.String(), tt.kind.Taxonomy(), tt.kind.Label(), string(text)}
			want := [...]string{tt.name, tt.taxonomy, tt.label, tt.name}
			if got != want {
				t.Errorf("String, Taxonomy, Label, MarshalText = %q, want %q", got, want)
			}
		})
	}
}
