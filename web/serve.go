package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"caspian/classroom/hub"
	"caspian/classroom/store"
	"caspian/scenarios"
)

// DatabaseName is the file in the data folder that holds the sessions.
const DatabaseName = "sessions.db"

// Options are where a server answers and keeps its data.
type Options struct {
	// Addr is the HOST:PORT it answers at.
	Addr string
	// Dir holds the sessions (DatabaseName) and the ensembles run from
	// the Explore page (runs/); it is made if need be.
	Dir string
	// Version names the program in the summaries of ensembles.
	Version string
	// Parse holds the limits stored scenarios are read with.
	Parse scenarios.Options
}

// Serve answers browsers until ctx is cancelled, resuming first the
// sessions kept in o.Dir. It tells notes where to open the server, and
// logs there what goes wrong on its side. Requests have time limits, so
// that a slow or stalled browser cannot hold the server.
func Serve(ctx context.Context, o Options, notes io.Writer) error {
	addr, dir := o.Addr, o.Dir
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot keep sessions in %s: %w", dir, err)
	}
	st, err := store.Open(filepath.Join(dir, DatabaseName))
	if err != nil {
		return err
	}
	defer st.Close()
	h, err := hub.New(st, o.Parse, nil)
	if err != nil {
		return err
	}
	srv, err := New(h, filepath.Join(dir, "runs"), o.Version, notes)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w (is another server using it? choose another with --addr)", addr, err)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 15 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute}
	fmt.Fprintf(notes, "Serving sim at http://%s/ (sessions kept in %s); stop with Ctrl-C.\n", ln.Addr(), filepath.Join(dir, DatabaseName))
	go func() {
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				if err := protect(srv.log, "the quarters' clock", h.Tick); err != nil {
					srv.log.Print(err)
				}
			}
		}
	}()
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := hs.Shutdown(shut); err != nil && !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	}
}
