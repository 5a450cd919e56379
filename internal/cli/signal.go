package cli

import (
	"context"
	"os"
	"os/signal"
	"sync"
	"syscall"
)

// Interruption is a context that Ctrl-C (SIGINT) or SIGTERM cancels, so
// that a long command stops cleanly, between runs, instead of being
// killed in the middle of writing. It remembers the signal, for the exit
// status.
type Interruption struct {
	context.Context
	cancel context.CancelFunc
	ch     chan os.Signal
	once   sync.Once
	mu     sync.Mutex
	sig    os.Signal
}

// Interruptible starts listening for SIGINT and SIGTERM; stop ends it.
func Interruptible() *Interruption {
	ctx, cancel := context.WithCancel(context.Background())
	it := &Interruption{Context: ctx, cancel: cancel, ch: make(chan os.Signal, 1)}
	signal.Notify(it.ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case s := <-it.ch:
			it.mu.Lock()
			it.sig = s
			it.mu.Unlock()
			cancel()
		case <-ctx.Done():
		}
	}()
	return it
}

// Stop stops listening: a signal after it has its default effect.
func (it *Interruption) Stop() {
	it.once.Do(func() {
		signal.Stop(it.ch)
		it.cancel()
	})
}

// Signal is the signal that interrupted the command, or nil.
func (it *Interruption) Signal() os.Signal {
	it.mu.Lock()
	defer it.mu.Unlock()
	return it.sig
}

// Stopped says how to report the signal that stopped the command: its
// word, "interrupted" after Ctrl-C or "terminated" after SIGTERM, and
// the exit status, 128 and the signal's number, as shells report a
// program a signal killed (130 or 143). A nil Interruption reads as
// Ctrl-C.
func (it *Interruption) Stopped() (word string, code int) {
	if it != nil && it.Signal() == syscall.SIGTERM {
		return "terminated", ExitTerminated
	}
	return "interrupted", ExitInterrupted
}
