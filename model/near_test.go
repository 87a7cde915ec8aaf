package model_test

import (
	"slices"
	"testing"

	"taxo/model"
)

func TestNear(t *testing.T) {
	g := model.New([]*model.Term{
		{ID: "categories/scrum", Kind: model.Category, Slug: "scrum", Title: "Scrum", Defined: true},
		{ID: "tags/scrum", Kind: model.Tag, Slug: "scrum", Title: "Scrum", Defined: true},
		{ID: "tags/scrum-master", Kind: model.Tag, Slug: "scrum-master", Title: "Scrum Master", Defined: true},
		{ID: "tags/sprint-retrospective", Kind: model.Tag, Slug: "sprint-retrospective", Title: "Sprint Retrospective", Defined: true},
		{ID: "tags/team", Kind: model.Tag, Slug: "team", Title: "Team", Defined: true},
	})
	tests := []struct {
		name, query string
		want        []model.ID
	}{
		{"a letter off", "scrm", []model.ID{"categories/scrum", "tags/scrum"}},
		{"a title a letter off", "Scrum Mastr", []model.ID{"tags/scrum-master"}},
		{"a word of a title", "mastr", []model.ID{"tags/scrum-master"}},
		{"part of a title", "retro", []model.ID{"tags/sprint-retrospective"}},
		{"nothing near", "zzzz", nil},
		{"too short to hold", "te", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []model.ID
			for _, term := range g.Near(tt.query, 5) {
				got = append(got, term.ID)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Near(%q) = %v, want %v", tt.query, got, tt.want)
			}
		})
	}
}
