package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"caspian/internal/jobs"
	"caspian/output"
	"caspian/scenarios"
)

// maxExploreRuns caps the runs of one ensemble asked from a page: enough
// for smooth fan charts, few enough that a class's requests queue for
// seconds, not hours.
const maxExploreRuns = 500

// exploreRoutes adds the Explore and Compare pages to the server's
// routes.
func (s *Server) exploreRoutes() {
	s.mux.HandleFunc("GET /explore", s.explorePage)
	s.mux.HandleFunc("POST /explore/upload", s.exploreUpload)
	s.mux.HandleFunc("GET /explore/uploads/{id}", s.uploadPage)
	s.mux.HandleFunc("POST /explore/runs", s.exploreRun)
	s.mux.HandleFunc("GET /explore/runs/{id}", s.ensemblePage)
	s.mux.HandleFunc("GET /explore/runs/{id}/version", s.taskVersion(false))
	s.mux.HandleFunc("GET /explore/runs/{id}/files/{name}", s.taskFile(false))
	s.compareRoutes()
}

// source is the scenario a page explores: a built-in one, or a file
// uploaded earlier. Either way it is opened from its contents, so that
// no request can make the server read a file by its path.
type source struct {
	Name   string // a built-in name, or the uploaded file's name
	Data   []byte
	Upload *upload
}

// builtin is the source of the built-in scenario name.
func builtin(name string) (source, error) {
	list, err := scenarios.List()
	if err != nil {
		return source{}, fmt.Errorf("the built-in scenarios cannot be listed: %w", err)
	}
	if !slices.ContainsFunc(list, func(e scenarios.Entry) bool { return e.Name == name }) {
		return source{}, fmt.Errorf("%q is not a built-in scenario", name)
	}
	data, err := scenarios.Source(name)
	if err != nil {
		return source{}, fmt.Errorf("the scenario %s cannot be read: %w", name, err)
	}
	return source{Name: name, Data: data}, nil
}

// open opens the scenario with the overrides sets, as sim run would.
func (src source) open(sets []scenarios.Set) (jobs.Scenario, error) {
	return jobs.OpenSource(src.Name, src.Data, sets, jobs.DefaultLimits())
}

// explorePage shows a built-in scenario's teaching notes and the form
// that runs it, with its values to change.
func (s *Server) explorePage(w http.ResponseWriter, r *http.Request) {
	_, chosen, err := chosenScenario(r)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "The built-in scenarios cannot be listed.")
		return
	}
	src, err := builtin(chosen)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err.Error())
		return
	}
	s.showExplore(w, r, src)
}

// uploadPage is the Explore page of a file uploaded earlier.
func (s *Server) uploadPage(w http.ResponseWriter, r *http.Request) {
	u := s.explore.upload(r.PathValue("id"))
	if u == nil {
		s.fail(w, r, http.StatusNotFound, "There is no such uploaded file; the server may have restarted since. Upload it again.")
		return
	}
	s.showExplore(w, r, source{Name: u.Name, Data: u.Data, Upload: u})
}

// showExplore renders the Explore page of src: its notes, the warnings
// sim check would give, and the form that runs it.
func (s *Server) showExplore(w http.ResponseWriter, r *http.Request, src source) {
	list, err := scenarios.List()
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "The built-in scenarios cannot be listed.")
		return
	}
	sc, err := src.open(nil)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err.Error())
		return
	}
	var warnings []string
	if src.Upload != nil {
		for _, w := range scenarios.Warnings(src.Name, src.Data, sc.Sc) {
			warnings = append(warnings, w.Error())
		}
	}
	chosen := src.Name
	if src.Upload != nil {
		chosen = ""
	}
	s.render(w, "explore.html", map[string]any{"Scenarios": list, "Chosen": chosen, "Upload": src.Upload,
		"Info": jobs.InfoOf(sc), "Warnings": warnings, "Groups": controlsOf(sc.Sc), "Max": maxExploreRuns,
		"Agents": len(sc.Sc.Agents), "MaxAgents": maxControlAgents})
}

// failForm answers a form with a mistake in it with a page that says
// what is wrong and leads back to page back (called label), so that a
// user can correct what they typed.
func (s *Server) failForm(w http.ResponseWriter, status int, msg, back, label string) {
	title := "That did not work"
	if status >= 500 {
		title = "Something went wrong"
	}
	w.WriteHeader(status)
	s.render(w, "form-error.html", map[string]any{"Title": title, "Message": msg, "Back": back, "Label": label})
}

// exploreUpload checks an uploaded scenario file as sim check does and,
// if it has no problems, keeps it and shows its Explore page; its
// problems are listed with their lines.
func (s *Server) exploreUpload(w http.ResponseWriter, r *http.Request) {
	limit := scenarios.DefaultLimits().Bytes
	if err := r.ParseMultipartForm(limit); err != nil {
		s.failForm(w, http.StatusBadRequest, fmt.Sprintf("The upload could not be read; a scenario file may be at most %s.",
			scenarios.FormatBytes(limit)), "/explore", "Explore page")
		return
	}
	f, head, err := r.FormFile("file")
	if err != nil {
		s.failForm(w, http.StatusBadRequest, "Choose a scenario file (.toml) to upload.", "/explore", "Explore page")
		return
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		s.failForm(w, http.StatusBadRequest, "The upload could not be read.", "/explore", "Explore page")
		return
	}
	name := uploadName(head.Filename) + ".toml"
	if _, err := scenarios.ParseWith(name, data, scenarios.Options{Limits: jobs.DefaultLimits().Scenario}); err != nil {
		s.failForm(w, http.StatusBadRequest, uploadProblems(name, err), "/explore", "Explore page")
		return
	}
	u := s.explore.keep(name, data)
	http.Redirect(w, r, fmt.Sprintf("/explore/uploads/%d", u.ID), http.StatusSeeOther)
}

// uploadProblems says what is wrong with uploaded file name: its
// problems one a line, each at FILE:LINE as sim check prints them.
func uploadProblems(name string, err error) string {
	var list scenarios.ErrorList
	if !errors.As(err, &list) {
		return fmt.Sprintf("%s cannot be used: %v", name, err)
	}
	lines := strings.Split(list.Error(), "\n")
	head := fmt.Sprintf("%s has %d problems; fix them and upload it again:", name, len(lines))
	if len(lines) == 1 {
		head = fmt.Sprintf("%s has a problem; fix it and upload it again:", name)
	}
	return head + "\n\n" + strings.Join(lines, "\n")
}

// ensemblePage shows an ensemble's progress, or its plots, summary and
// files once it is done.
func (s *Server) ensemblePage(w http.ResponseWriter, r *http.Request) {
	t := s.explore.get(r.PathValue("id"), false)
	if t == nil {
		s.fail(w, r, http.StatusNotFound, "There is no such ensemble; it may have been run before the server last started.")
		return
	}
	v := t.view()
	s.render(w, "ensemble.html", map[string]any{"R": v, "Version": v.version(), "Files": fileNotes(v.Files, output.RunFileNotes())})
}

// fileNote is a saved file with what it holds.
type fileNote struct{ Name, Note string }

func fileNotes(files []string, notes [][2]string) []fileNote {
	var out []fileNote
	for _, f := range files {
		out = append(out, fileNote{f, output.NoteOf(notes, f)})
	}
	return out
}

// taskVersion tells a task's page how far it has got.
func (s *Server) taskVersion(compare bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		t := s.explore.get(r.PathValue("id"), compare)
		if t == nil {
			http.Error(w, "unknown task", http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		fmt.Fprintf(w, "{\"version\":%d}\n", t.view().version())
	}
}

// svgPolicy lets a saved plot, opened on its own or inside a page, use
// the inline styles and embedded fonts it is drawn with, and nothing
// else: no scripts, no requests.
const svgPolicy = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:"

// taskFile serves one of the files a task saved; a name it did not save
// is not found, so no request reaches any other file.
func (s *Server) taskFile(compare bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		t := s.explore.get(r.PathValue("id"), compare)
		name := r.PathValue("name")
		if t == nil || !slices.Contains(t.view().Files, name) {
			s.fail(w, r, http.StatusNotFound, "There is no such file.")
			return
		}
		data, err := os.ReadFile(filepath.Join(s.explore.folder(t.view().ID), name))
		if err != nil {
			s.fail(w, r, http.StatusNotFound, "The file is no longer there.")
			return
		}
		switch filepath.Ext(name) {
		case ".svg":
			w.Header().Set("Content-Type", "image/svg+xml")
			w.Header().Set("Content-Security-Policy", svgPolicy)
		case ".csv":
			w.Header().Set("Content-Type", "text/csv; charset=utf-8")
			w.Header().Set("Content-Disposition", "attachment; filename="+strconv.Quote(name))
		case ".json":
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Content-Disposition", "attachment; filename="+strconv.Quote(name))
		}
		w.Write(data)
	}
}
