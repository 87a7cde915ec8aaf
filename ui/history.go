package ui

import "taxo/model"

// viewState is what going back restores: the list as it was filtered and
// where its cursor was, and how far the term was scrolled.
type viewState struct {
	tab        int
	query      string
	tags       []model.ID
	selected   model.ID
	listOffset int

	focus        pane
	detailOffset int
	link         int
}

// history is the views left by following links, as a browser keeps them.
type history struct {
	back, forward []viewState
}

// push records the view being left; a new path forgets the way forward.
func (h *history) push(v viewState) {
	h.back = append(h.back, v)
	h.forward = nil
}

// goBack trades the current view for the last one left, if any.
func (h *history) goBack(cur viewState) (viewState, bool) {
	if len(h.back) == 0 {
		return viewState{}, false
	}
	v := h.back[len(h.back)-1]
	h.back = h.back[:len(h.back)-1]
	h.forward = append(h.forward, cur)
	return v, true
}

// goForward undoes a goBack.
func (h *history) goForward(cur viewState) (viewState, bool) {
	if len(h.forward) == 0 {
		return viewState{}, false
	}
	v := h.forward[len(h.forward)-1]
	h.forward = h.forward[:len(h.forward)-1]
	h.back = append(h.back, cur)
	return v, true
}
