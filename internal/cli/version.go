package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// Version names a build of the program, for summaries that trace a
// result to the program that made it: release, the version set at
// release time (-ldflags "-X main.buildVersion=v1.2.3") if not "";
// otherwise the module version Go recorded in the binary, or for a build
// from a checkout without a release tag "devel-" and its commit, with
// "+modified" if the checkout had changes.
func Version(release string) string {
	if release != "" {
		return release
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	rev, modified := "", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value[:min(12, len(s.Value))]
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	v := "devel"
	if rev != "" {
		v += "-" + rev
	}
	if modified {
		v += "+modified"
	}
	return v
}

// VersionCommand is the command "version": it prints the program's name,
// the version version gives, and the Go release and platform it was
// built with. Its prose comes from the [version] table of text.
func (p *Program) VersionCommand(text *HelpFile, version func() string) *Command {
	return text.Command("version", &Command{Exec: func(e *Env, args []string) error {
		if err := NoArgs("version", NewFlagSet(p.Name+" version"), args); err != nil {
			return err
		}
		fmt.Fprintf(e.Out, "%s %s (%s, %s/%s)\n", p.Name, version(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
		return nil
	}})
}
