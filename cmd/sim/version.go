package main

import (
	"caspian/internal/cli"
	"fmt"
	"runtime"
	"runtime/debug"
)

// buildVersion is set at release time with
// -ldflags "-X main.buildVersion=v1.2.3"; otherwise the version comes
// from the module information Go records in the binary.
var buildVersion = ""

// version names this build of sim. It is written into summary.json so a
// result can be traced to the program that made it.
func version() string {
	if buildVersion != "" {
		return buildVersion
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	// A build from a checkout without a release tag: name the commit.
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

func versionCommand() *cli.Command {
	return helpText.command("version", &cli.Command{
		Exec: execVersion,
	})
}

func execVersion(e *cli.Env, args []string) error {
	pos, err := cli.ParseArgs("version", newFlagSet("version"), args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return cli.Usagef("version", "version takes no arguments, but got %q", pos[0])
	}
	fmt.Fprintf(e.Out, "sim %s (%s, %s/%s)\n", version(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return nil
}
