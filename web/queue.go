package web

import (
	"fmt"
	"log"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
)

// maxUploads is how many uploaded scenario files the server keeps in
// memory; an older one must be uploaded again. Each is at most the
// scenarios' size limit.
const maxUploads = 100

// explorer runs the ensembles and comparisons asked from the Explore
// and Compare pages, one at a time (the others wait their turn), into
// numbered folders of dir; each is kept for the life of the server.
type explorer struct {
	dir     string
	version string
	slot    chan struct{}
	mu      sync.Mutex
	next    int
	tasks   map[int]*task
	uploads map[int]*upload
	upNext  int
	log     *log.Logger
}

// upload is a scenario file uploaded to the Explore page, checked and
// kept in memory: a request names it by its number, never by a path.
type upload struct {
	ID   int
	Name string // the file's name, for messages: "mine.toml"
	Data []byte
}

// task is one ensemble or comparison asked from a page.
type task struct {
	mu sync.Mutex
	st taskState
}

// taskState is how far a task has got, as its page shows it.
type taskState struct {
	ID      int
	Compare bool
	// Scenario is the scenario run, or the baseline of a comparison;
	// Alternative the scenario compared with it. Upload is the number
	// of an uploaded scenario, 0 for a built-in one.
	Scenario, Title, Alternative string
	Upload                       int
	// Sets are the changed values, as typed after sim run --set.
	Sets              []string
	Runs, Total, Done int
	Seed              uint64
	Finished, Started bool
	// Text sums up the results in the words the command line uses.
	Err, Text string
	Files     []string
}

// work is the long part of a task: it reports the runs done to
// progress and returns the files it saved and the text summing them up.
type work func(progress func(done int)) (files []string, text string, err error)

func newExplorer(dir, version string, logger *log.Logger) *explorer {
	return &explorer{dir: dir, version: version, slot: make(chan struct{}, 1),
		tasks: map[int]*task{}, uploads: map[int]*upload{}, log: logger}
}

// reserve is the number of a new task, whose folder is folder(id).
func (x *explorer) reserve() int {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.next++
	return x.next
}

func (x *explorer) folder(id int) string { return filepath.Join(x.dir, strconv.Itoa(id)) }

// add queues task st, whose work do runs when its turn comes.
func (x *explorer) add(st taskState, do work) *task {
	t := &task{st: st}
	x.mu.Lock()
	x.tasks[st.ID] = t
	x.mu.Unlock()
	go x.run(t, do)
	return t
}

// run runs t's work in its turn and keeps what it saved, or why it
// failed.
func (x *explorer) run(t *task, do work) {
	x.slot <- struct{}{}
	defer func() { <-x.slot }()
	t.mu.Lock()
	t.st.Started = true
	t.mu.Unlock()
	var (
		files []string
		text  string
	)
	err := protect(x.log, fmt.Sprintf("task %d", t.view().ID), func() (err error) {
		files, text, err = do(func(done int) {
			t.mu.Lock()
			t.st.Done = done
			t.mu.Unlock()
		})
		return err
	})
	t.mu.Lock()
	defer t.mu.Unlock()
	t.st.Finished = true
	if err != nil {
		t.st.Err = err.Error()
		return
	}
	t.st.Files, t.st.Text, t.st.Done = files, text, t.st.Total
}

// get returns task id if it is a comparison (compare) or an ensemble
// (not compare) as asked, or nil.
func (x *explorer) get(id string, compare bool) *task {
	n, err := strconv.Atoi(id)
	if err != nil {
		return nil
	}
	x.mu.Lock()
	t := x.tasks[n]
	x.mu.Unlock()
	if t == nil || t.view().Compare != compare {
		return nil
	}
	return t
}

// view is a copy of t's state to render.
func (t *task) view() taskState {
	t.mu.Lock()
	defer t.mu.Unlock()
	v := t.st
	v.Files, v.Sets = slices.Clone(v.Files), slices.Clone(v.Sets)
	return v
}

// version counts the changes a task's page has to show: each run done,
// and the end.
func (v taskState) version() int {
	if v.Finished {
		return v.Done + 1
	}
	return v.Done
}

// keep keeps an uploaded file, forgetting the oldest beyond maxUploads.
func (x *explorer) keep(name string, data []byte) *upload {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.upNext++
	u := &upload{ID: x.upNext, Name: name, Data: data}
	x.uploads[u.ID] = u
	delete(x.uploads, u.ID-maxUploads)
	return u
}

// upload returns uploaded file id, or nil.
func (x *explorer) upload(id string) *upload {
	n, err := strconv.Atoi(id)
	if err != nil {
		return nil
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.uploads[n]
}
