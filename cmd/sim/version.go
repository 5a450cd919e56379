package main

import "caspian/internal/cli"

// buildVersion is set at release time with
// -ldflags "-X main.buildVersion=v1.2.3"; otherwise the version comes
// from the module information Go records in the binary.
var buildVersion = ""

// version names this build of sim. It is written into summary.json so a
// result can be traced to the program that made it.
func version() string { return cli.Version(buildVersion) }
