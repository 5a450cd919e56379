package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"runtime"
	"strings"

	"caspian/internal/jobs"
	"caspian/output"
	"caspian/scenarios"
)

// compareRoutes adds the Compare pages to the server's routes.
func (s *Server) compareRoutes() {
	s.mux.HandleFunc("GET /compare", s.comparePage)
	s.mux.HandleFunc("POST /compare/runs", s.compareRun)
	s.mux.HandleFunc("GET /compare/runs/{id}", s.comparisonPage)
	s.mux.HandleFunc("GET /compare/runs/{id}/version", s.taskVersion(true))
	s.mux.HandleFunc("GET /compare/runs/{id}/files/{name}", s.taskFile(true))
}

// comparePage offers two built-in scenarios to compare, the baseline
// and an alternative, as sim compare takes them.
func (s *Server) comparePage(w http.ResponseWriter, r *http.Request) {
	list, err := scenarios.List()
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "The built-in scenarios cannot be listed.")
		return
	}
	q := r.URL.Query()
	base, alt := q.Get("baseline"), q.Get("alternative")
	if base == "" {
		base = scenarios.Default
	}
	if alt == "" {
		for _, e := range list {
			if e.Name != base {
				alt = e.Name
				break
			}
		}
	}
	s.render(w, "compare.html", map[string]any{"Scenarios": list, "Baseline": base, "Alternative": alt, "Max": maxExploreRuns})
}

// compareRun starts a comparison of the form's two scenarios, built-in
// ones or, for the alternative, a file uploaded to the Explore page;
// scenarios that cannot be compared fail here, before anything is
// queued.
func (s *Server) compareRun(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.failForm(w, http.StatusBadRequest, "The form could not be read.",
			"/compare", "Compare page")
		return
	}
	runs, seed, msg := runsAndSeed(r, 2)
	if msg != "" {
		s.failForm(w, http.StatusBadRequest, msg+" A comparison's intervals need at least 2 runs of each scenario.",
			"/compare", "Compare page")
		return
	}
	var srcs []source
	for _, field := range []string{"baseline", "alternative"} {
		src, err := s.compareSource(r, field)
		if err != nil {
			s.failForm(w, http.StatusBadRequest, fmt.Sprintf("The %s: %v.", field, err),
				"/compare", "Compare page")
			return
		}
		srcs = append(srcs, src)
	}
	dates, err := jobs.ParseDates(r.PostForm.Get("at"))
	if err != nil {
		s.failForm(w, http.StatusBadRequest, fmt.Sprintf("The dates to compare at: %v. Write them as 2008 or 2014-Q3, separated by commas.", err),
			"/compare", "Compare page")
		return
	}
	t, err := s.explore.startCompare(srcs, dates, runs, seed)
	if err != nil {
		s.failForm(w, http.StatusBadRequest, err.Error(),
			"/compare", "Compare page")
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/compare/runs/%d", t.view().ID), http.StatusSeeOther)
}

// compareSource is the scenario a compare form names in field: an
// uploaded file by its number in field_upload, or a built-in scenario.
func (s *Server) compareSource(r *http.Request, field string) (source, error) {
	if id := r.PostForm.Get(field + "_upload"); id != "" {
		u := s.explore.upload(id)
		if u == nil {
			return source{}, errors.New("there is no such uploaded file; the server may have restarted since, so upload it again")
		}
		return source{Name: u.Name, Data: u.Data, Upload: u}, nil
	}
	return builtin(r.PostForm.Get(field))
}

// startCompare opens the comparison of the scenarios srcs, the baseline
// first, as sim compare does, and queues it.
func (x *explorer) startCompare(srcs []source, dates []string, runs int, seed uint64) (*task, error) {
	var names []string
	var data [][]byte
	for _, src := range srcs {
		names, data = append(names, src.Name), append(data, src.Data)
	}
	id := x.reserve()
	j, err := jobs.Compare{Scenarios: names, Sources: data, Limits: jobs.DefaultLimits(), Seed: seed, Runs: runs, Workers: runtime.NumCPU(),
		Dates: dates, Out: x.folder(id), Format: "svg", Version: x.version}.Open()
	if err != nil {
		return nil, err
	}
	st := taskState{ID: id, Compare: true, Scenario: j.S[0].Name, Alternative: j.S[1].Name,
		Runs: runs, Total: j.Total(), Seed: seed}
	if u := srcs[1].Upload; u != nil {
		st.Upload = u.ID
	}
	return x.add(st, func(progress func(int)) ([]string, string, error) {
		res, err := j.Do(context.Background(), progress)
		if err != nil {
			return nil, "", err
		}
		var text strings.Builder
		output.WriteComparisonText(&text, res.Comparison)
		return res.Files, strings.TrimLeft(text.String(), "\n"), nil
	}), nil
}

// comparisonPage shows a comparison's progress, or its findings, plot
// and files once it is done.
func (s *Server) comparisonPage(w http.ResponseWriter, r *http.Request) {
	t := s.explore.get(r.PathValue("id"), true)
	if t == nil {
		s.fail(w, r, http.StatusNotFound, "There is no such comparison; it may have been run before the server last started.")
		return
	}
	v := t.view()
	s.render(w, "comparison.html", map[string]any{"R": v, "Version": v.version(), "Files": fileNotes(v.Files, output.ComparisonFileNotes()),
		"Rough": v.Runs < 20})
}
