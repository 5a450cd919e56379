package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"runtime"
	"strconv"
	"strings"

	"caspian/internal/jobs"
	"caspian/output"
	"caspian/scenarios"
)

// exploreRun starts an ensemble of the form's scenario with the values
// the user changed; a value sim run --set would refuse is refused here
// with the same words, before anything is queued.
func (s *Server) exploreRun(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.failForm(w, http.StatusBadRequest, "The form could not be read.", "/explore", "Explore page")
		return
	}
	runs, seed, msg := runsAndSeed(r, 1)
	if msg != "" {
		s.failForm(w, http.StatusBadRequest, msg, "/explore", "Explore page")
		return
	}
	src, err := s.formSource(r)
	if err != nil {
		s.failForm(w, http.StatusBadRequest, err.Error(), "/explore", "Explore page")
		return
	}
	plain, err := src.open(nil)
	if err != nil {
		s.failForm(w, http.StatusBadRequest, err.Error(), "/explore", "Explore page")
		return
	}
	t, err := s.explore.startEnsemble(src, changedSets(controlsOf(plain.Sc), r.PostForm), runs, seed)
	if err != nil {
		s.failForm(w, http.StatusBadRequest, err.Error(), "/explore", "Explore page")
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/explore/runs/%d", t.view().ID), http.StatusSeeOther)
}

// formSource is the scenario a run form names: an uploaded file by its
// number, or a built-in scenario by its name.
func (s *Server) formSource(r *http.Request) (source, error) {
	if id := r.PostForm.Get("upload"); id != "" {
		u := s.explore.upload(id)
		if u == nil {
			return source{}, errors.New("there is no such uploaded file; the server may have restarted since, so upload it again")
		}
		return source{Name: u.Name, Data: u.Data, Upload: u}, nil
	}
	return builtin(r.PostForm.Get("scenario"))
}

// runsAndSeed reads the form's runs (least to maxExploreRuns) and seed,
// or says what is wrong with them.
func runsAndSeed(r *http.Request, least int) (int, uint64, string) {
	runs, err := strconv.Atoi(strings.TrimSpace(r.PostForm.Get("runs")))
	if err != nil || runs < least || runs > maxExploreRuns {
		return 0, 0, fmt.Sprintf("The runs must be a whole number from %d to %d.", least, maxExploreRuns)
	}
	seed, err := strconv.ParseUint(strings.TrimSpace(r.PostForm.Get("seed")), 10, 64)
	if err != nil {
		return 0, 0, "The seed must be a whole number, 0 or more."
	}
	return runs, seed, ""
}

// startEnsemble opens the ensemble of src with the overrides sets, as
// sim run does, and queues it; a scenario or override with problems
// fails here, before anything is queued.
func (x *explorer) startEnsemble(src source, sets []scenarios.Set, runs int, seed uint64) (*task, error) {
	id := x.reserve()
	j, err := jobs.Run{Scenario: src.Name, Source: src.Data, Sets: sets, Limits: jobs.DefaultLimits(), Seed: seed, Runs: runs,
		Workers: runtime.NumCPU(), Out: x.folder(id), Format: "svg", Version: x.version}.Open()
	if err != nil {
		return nil, err
	}
	st := taskState{ID: id, Scenario: j.S.Name, Title: j.S.Sc.Title, Sets: jobs.Overrides(sets), Runs: runs, Total: runs, Seed: seed}
	if st.Title == "" {
		st.Title = j.S.Name
	}
	if src.Upload != nil {
		st.Upload = src.Upload.ID
	}
	return x.add(st, func(progress func(int)) ([]string, string, error) {
		res, err := j.Do(context.Background(), progress)
		if err != nil {
			return nil, "", err
		}
		var focal strings.Builder
		output.WriteFocal(&focal, res.Report)
		return res.Files, focal.String(), nil
	}), nil
}
