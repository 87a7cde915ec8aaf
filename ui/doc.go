// Package ui is taxo's browser: the Bubble Tea program. It draws what
// taxo/ui/render makes of a term and reads the keys taxo/ui/prefs maps;
// neither knows of it.
//
// One file per screen, each a type that owns its state, its keys and its
// messages (see screen.go for the contract). A screen writes only its own
// fields; it tells the root what happened (sh.tell) and the root hands it
// what is for it. The files, and what each may touch:
//
//	app.go            the root Model: the one dispatch (room), the messages
//	                  every screen shares, taxonomies shown to every screen
//	frame.go          the root's frame: where the panes and screens go, the
//	                  header, status and help lines; it reads the screens
//	history.go        moving between screens, and the links followed; it
//	                  tells the list, the hits and the term where to be
//	load.go           the first load, reloads and the watcher; it tells the
//	                  root the taxonomy to show
//	site.go           a Hugo site's languages (which is shown, switching),
//	                  and what the screens are told of the site (siteView)
//	pagesnav.go       moving to a site's pages: the Pages tab goes with the
//	                  page view as the list goes with the term
//	options.go        Run; its Options, and the Progress a load reports
//	                  to, are taxo/ui/launch's, which the command line
//	                  builds without linking this package
//	screen.go         the screen contract, shared, and the messages the
//	                  screens tell the root
//
//	list.go           the list of terms, its tabs and filters
//	usage.go          the list's page counts, unused terms and orders
//	pages.go          a site's pages, the Pages tab, in the list's pane
//	page.go           the page shown, its terms and its body
//	hits.go           the search's prompt and hits, in the list's pane
//	term.go, links.go the term shown, its links, its renderings
//	termpages.go      the pages that carry the term shown, in its pane
//	find.go           the find prompt, and the term's matches
//	tagpicker.go      picking the tags to filter the list by
//	suggest.go        a file to suggest terms for, and the suggestions: their
//	                  state, keys, messages and commands
//	suggestview.go    their drawing: the prompt, the terms per taxonomy, the
//	                  words and the tagged pages like the file
//	suggestpath.go    the prompt's paths: tab completion, ~, relative ones
//	learned.go        the learned suggester of the taxonomy shown, which
//	                  suggest and tagging share (built once, when first asked)
//	tagging.go        a content page's terms, changed and written (tagPageMsg
//	                  opens it): its state, keys and messages
//	taggingview.go    its drawing: the rows, the term's preview, the diff
//	taggingwrite.go   its diff, write and undo, and their commands
//	taggingadd.go     its prompt for a term to add by name, from the site's terms
//	compare.go        two terms side by side, and the mark
//	neighbourhood.go  the terms around one, as a tree
//	problems.go       the problems the load found
//	help.go           every key
//	progress.go       the first load before any term is read
//
//	keys.go           the keys every pane reads, help-line helpers, moved
//	pager.go          the one scroller every pane uses
//	match.go          the text filter's matching, for the list and the picker,
//	                  and the filter line the list and the Pages tab share
//	styles.go         the looks, for a dark or light background or none
//
// A new screen is a file like these, a mode in screen.go, a field of
// the Model and a line in Model.room, which says where it is drawn; the
// screen that opens it tells it a message of its own (one with a
// screen() method), and it tells openMsg to take the keys. One drawn in a
// pane takes it with leftMsg or rightMsg.
package ui
