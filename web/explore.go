package web

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"caspian/internal/jobs"
	"caspian/output"
	"caspian/scenarios"
)

// maxExploreRuns caps the runs of one ensemble asked from a page: enough
// for smooth fan charts, few enough that a class's requests queue for
// seconds, not hours.
const maxExploreRuns = 500

// explorer runs the ensembles asked from the Explore page, one at a
// time (the others wait their turn), into numbered folders of dir; each
// is kept for the life of the server.
type explorer struct {
	dir     string
	version string
	slot    chan struct{}
	mu      sync.Mutex
	runs    []*ensembleRun
}

// ensembleRun is one ensemble asked from the page.
type ensembleRun struct {
	mu sync.Mutex
	st ensembleState
}

// ensembleState is how far an ensemble has got, as its page shows it.
type ensembleState struct {
	ID                int
	Scenario, Title   string
	Runs, Done        int
	Seed              uint64
	Finished, Started bool
	Err, Focal        string
	Files             []string
}

func newExplorer(dir, version string) *explorer {
	return &explorer{dir: dir, version: version, slot: make(chan struct{}, 1)}
}

// start queues an ensemble of the built-in scenario name and runs it
// when its turn comes.
func (x *explorer) start(name string, runs int, seed uint64) (*ensembleRun, error) {
	list, err := scenarios.List()
	if err != nil {
		return nil, err
	}
	i := slices.IndexFunc(list, func(e scenarios.Entry) bool { return e.Name == name })
	if i < 0 {
		return nil, fmt.Errorf("%q is not a built-in scenario", name)
	}
	x.mu.Lock()
	r := &ensembleRun{st: ensembleState{ID: len(x.runs) + 1, Scenario: name, Title: list[i].Title, Runs: runs, Seed: seed}}
	x.runs = append(x.runs, r)
	x.mu.Unlock()
	go x.run(r)
	return r, nil
}

// run runs r in its turn and keeps what it saved, or why it failed.
func (x *explorer) run(r *ensembleRun) {
	x.slot <- struct{}{}
	defer func() { <-x.slot }()
	r.mu.Lock()
	r.st.Started = true
	want := r.st
	r.mu.Unlock()
	out := filepath.Join(x.dir, strconv.Itoa(want.ID))
	fail := func(err error) {
		r.mu.Lock()
		r.st.Err, r.st.Finished = err.Error(), true
		r.mu.Unlock()
	}
	j, err := jobs.Run{Scenario: want.Scenario, Limits: jobs.DefaultLimits(), Seed: want.Seed, Runs: want.Runs,
		Workers: runtime.NumCPU(), Out: out, Format: "svg", Version: x.version}.Open()
	if err != nil {
		fail(err)
		return
	}
	res, err := j.Do(context.Background(), func(done int) {
		r.mu.Lock()
		r.st.Done = done
		r.mu.Unlock()
	})
	if err != nil {
		fail(err)
		return
	}
	var focal strings.Builder
	output.WriteFocal(&focal, res.Report)
	r.mu.Lock()
	r.st.Files, r.st.Focal, r.st.Done, r.st.Finished = res.Files, focal.String(), want.Runs, true
	r.mu.Unlock()
}

// exploreRoutes adds the Explore pages to the server's routes.
func (s *Server) exploreRoutes() {
	s.mux.HandleFunc("GET /explore", s.explorePage)
	s.mux.HandleFunc("POST /explore/runs", s.exploreRun)
	s.mux.HandleFunc("GET /explore/runs/{id}", s.ensemblePage)
	s.mux.HandleFunc("GET /explore/runs/{id}/version", s.ensembleVersion)
	s.mux.HandleFunc("GET /explore/runs/{id}/files/{name}", s.ensembleFile)
}

// get returns ensemble id, or nil.
func (x *explorer) get(id string) *ensembleRun {
	n, err := strconv.Atoi(id)
	x.mu.Lock()
	defer x.mu.Unlock()
	if err != nil || n < 1 || n > len(x.runs) {
		return nil
	}
	return x.runs[n-1]
}

// view is a copy of r's state to render.
func (r *ensembleRun) view() ensembleState {
	r.mu.Lock()
	defer r.mu.Unlock()
	v := r.st
	v.Files = slices.Clone(v.Files)
	return v
}

// explorePage shows a built-in scenario's teaching notes and the form
// that runs it.
func (s *Server) explorePage(w http.ResponseWriter, r *http.Request) {
	list, chosen, err := chosenScenario(r)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "The built-in scenarios cannot be listed.")
		return
	}
	info, err := jobs.ScenarioInfo(chosen, jobs.DefaultLimits())
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err.Error())
		return
	}
	s.render(w, "explore.html", map[string]any{"Scenarios": list, "Chosen": chosen, "Info": info, "Max": maxExploreRuns})
}

func (s *Server) exploreRun(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, http.StatusBadRequest, "The form could not be read.")
		return
	}
	runs, err := strconv.Atoi(strings.TrimSpace(r.PostForm.Get("runs")))
	if err != nil || runs < 1 || runs > maxExploreRuns {
		s.fail(w, r, http.StatusBadRequest, fmt.Sprintf("The runs must be a whole number from 1 to %d.", maxExploreRuns))
		return
	}
	seed, err := strconv.ParseUint(strings.TrimSpace(r.PostForm.Get("seed")), 10, 64)
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, "The seed must be a whole number, 0 or more.")
		return
	}
	run, err := s.explore.start(r.PostForm.Get("scenario"), runs, seed)
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, err.Error())
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/explore/runs/%d", run.view().ID), http.StatusSeeOther)
}

// ensemblePage shows an ensemble's progress, or its plots, summary and
// files once it is done.
func (s *Server) ensemblePage(w http.ResponseWriter, r *http.Request) {
	run := s.explore.get(r.PathValue("id"))
	if run == nil {
		s.fail(w, r, http.StatusNotFound, "There is no such ensemble; it may have been run before the server last started.")
		return
	}
	v := run.view()
	type file struct{ Name, Note string }
	var files []file
	for _, f := range v.Files {
		files = append(files, file{f, output.NoteOf(output.RunFileNotes(), f)})
	}
	s.render(w, "ensemble.html", map[string]any{"R": v, "Files": files, "Version": v.Done + boolInt(v.Finished)})
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ensembleVersion tells an ensemble's page how far it has got.
func (s *Server) ensembleVersion(w http.ResponseWriter, r *http.Request) {
	run := s.explore.get(r.PathValue("id"))
	if run == nil {
		http.Error(w, "unknown ensemble", http.StatusNotFound)
		return
	}
	v := run.view()
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	fmt.Fprintf(w, "{\"version\":%d}\n", v.Done+boolInt(v.Finished))
}

// ensembleFile serves one of the files an ensemble saved; a name it did
// not save is not found, so no request reaches any other file.
func (s *Server) ensembleFile(w http.ResponseWriter, r *http.Request) {
	run := s.explore.get(r.PathValue("id"))
	name := r.PathValue("name")
	if run == nil || !slices.Contains(run.view().Files, name) {
		s.fail(w, r, http.StatusNotFound, "There is no such file.")
		return
	}
	data, err := os.ReadFile(filepath.Join(s.explore.dir, strconv.Itoa(run.view().ID), name))
	if err != nil {
		s.fail(w, r, http.StatusNotFound, "The file is no longer there.")
		return
	}
	switch filepath.Ext(name) {
	case ".svg":
		w.Header().Set("Content-Type", "image/svg+xml")
	case ".csv":
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", "attachment; filename="+strconv.Quote(name))
	case ".json":
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Disposition", "attachment; filename="+strconv.Quote(name))
	}
	w.Write(data)
}
