package model_test

import (
	"slices"
	"testing"

	"taxo/model"
)

func TestParseInstructions(t *testing.T) {
	tests := []struct {
		name         string
		in           string
		use, exclude string
	}{
		{
			name:    "headings on lines of their own",
			in:      "**Use this tag only for widgets.**  \nWidgets are small.\n\n**Key Topics:**\n- Making widgets\n\n**Strictly exclude:**\n- Gadgets\n- Gizmos",
			use:     "Use this tag only for widgets.\nWidgets are small.\nKey Topics:\n- Making widgets",
			exclude: "- Gadgets\n- Gizmos",
		},
		{
			name:    "long key topics heading, exclusion leading a paragraph",
			in:      "**Use this category only for discussions on Widgets.**\n\n**Key topics that should be discussed under this category include:**\n- Widget sizes\n\n**Strictly exclude** unrelated content such as gadgets.",
			use:     "Use this category only for discussions on Widgets.\nKey topics that should be discussed under this category include:\n- Widget sizes",
			exclude: "unrelated content such as gadgets.",
		},
		{
			name:    "capitalised and plural headings",
			in:      "Widgets.\n\n**Scope and Purpose:**  \nAll widgets.\n\n**Strict Exclusions:**  \nDo not use this category for:\n- Gadgets\n\n**Summary:**  \nClassify widgets here. Exclude gadgets.",
			use:     "Widgets.\nScope and Purpose:\nAll widgets.",
			exclude: "- Gadgets",
		},
		{
			name:    "plain headings",
			in:      "Use this category only for widgets.\n\nInclude content that discusses:\n- Widget history\n\nExclude content that:\n- Sells gadgets\n\n**Quick Test:** Is it a widget?",
			use:     "Use this category only for widgets.\nInclude content that discusses:\n- Widget history",
			exclude: "- Sells gadgets",
		},
		{
			name:    "exclusion in the middle of a paragraph",
			in:      "Widgets and their uses. Strictly exclude discussions of gadgets. They are another tag.",
			use:     "Widgets and their uses.",
			exclude: "Strictly exclude discussions of gadgets. They are another tag.",
		},
		{
			name:    "unclosed emphasis before an exclusion",
			in:      "**Key Topics:**\n- Widgets\n\n**Strictly exclude*- gadgets and gizmos.",
			use:     "Key Topics:\n- Widgets",
			exclude: "**Strictly exclude*- gadgets and gizmos.",
		},
		{
			name:    "closing advice restates both",
			in:      "**Key Topics:**\n- Widgets\n\n**Strictly exclude:**\n- Gadgets\n\nOnly classify content here if it is about widgets.",
			use:     "Key Topics:\n- Widgets",
			exclude: "- Gadgets",
		},
		{name: "no headings", in: "Apply to anything about widgets.", use: "Apply to anything about widgets."},
		{name: "empty", in: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := model.ParseInstructions(tt.in)
			if got.Use != tt.use || got.Exclude != tt.exclude {
				t.Errorf("got\nuse:     %q\nexclude: %q\nwant\nuse:     %q\nexclude: %q", got.Use, got.Exclude, tt.use, tt.exclude)
			}
		})
	}
}

func suggested(sgs []model.Suggestion) []model.ID {
	var ids []model.ID
	for _, s := range sgs {
		ids = append(ids, s.Term.ID)
	}
	return ids
}

func TestSuggestExclusions(t *testing.T) {
	same := "**Key Topics:**\n- Jars of vegetables kept in brine for the winter\n"
	g := model.New([]*model.Term{
		term("tags/brined", "Brined", map[string]string{"description": "Vegetables in brine.", "instructions": same}),
		term("tags/soured", "Soured", map[string]string{"description": "Vegetables in brine.",
			"instructions": same + "\n**Strictly exclude:**\n- Anything soured with vinegar\n- Soured cream"}),
		term("categories/larder", "Larder", map[string]string{"description": "Keeping food."}),
	})
	s := model.NewSuggester(g)

	got := s.Suggest("Quick jars of vegetables in a hot vinegar brine, kept for the winter.", 0)
	if ids := suggested(got[model.Tag]); !slices.Equal(ids, []model.ID{"tags/brined", "tags/soured"}) {
		t.Fatalf("tags %v: the term that excludes vinegar should come second", ids)
	}
	if against := got[model.Tag][1].Against; !slices.Equal(against, []string{"vinegar"}) {
		t.Errorf("against soured: %q, want vinegar", against)
	}
	if why := got[model.Tag][0].Why; len(why) == 0 || !slices.Contains(why, "brine") {
		t.Errorf("why brined: %q", why)
	}

	// An exclusion that names the term's own title does not count against it.
	got = s.Suggest("Soured vegetables in brine, kept in jars.", 0)
	if len(got[model.Tag]) != 2 || got[model.Tag][0].Term.ID != "tags/soured" || len(got[model.Tag][0].Against) != 0 {
		t.Errorf("tags %v, against %q", suggested(got[model.Tag]), got[model.Tag][0].Against)
	}
}

func TestSuggestKindsAndLimit(t *testing.T) {
	g, _ := sampleIndex(t)
	s := model.NewSuggester(g)
	content := "Smoking and curing bacon: salt, sugar and a week in the fridge before the smoker."
	all := s.Suggest(content, 0)
	top := s.Suggest(content, 2)
	for _, k := range model.Kinds {
		if len(all[k]) == 0 {
			t.Errorf("no %s fits", k)
		}
		if n := min(2, len(all[k])); !slices.Equal(suggested(top[k]), suggested(all[k])[:n]) {
			t.Errorf("%s: limit 2 gives %v, all gives %v", k, suggested(top[k]), suggested(all[k]))
		}
		for i, sg := range all[k] {
			if sg.Term.Kind != k || !sg.Term.Defined || sg.Score <= 0 {
				t.Errorf("%s suggestion %s: kind %s, defined %v, score %v", k, sg.Term.ID, sg.Term.Kind, sg.Term.Defined, sg.Score)
			}
			if i > 0 && sg.Score > all[k][i-1].Score {
				t.Errorf("%s: not best first at %d", k, i)
			}
		}
	}
	if got := suggested(all[model.Tag]); got[0] != "tags/curing" {
		t.Errorf("first tag %s, want tags/curing", got[0])
	}
	if again := s.Suggest(content, 0); !slices.Equal(suggested(again[model.Tag]), suggested(all[model.Tag])) {
		t.Error("the same content gave another order")
	}
	if empty := s.Suggest("", 0); len(empty[model.Tag])+len(empty[model.Category])+len(empty[model.Concept]) != 0 {
		t.Errorf("empty content got suggestions: %v", empty)
	}
}
