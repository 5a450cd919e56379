package main

import (
	"flag"

	"caspian/internal/cli"
	"caspian/web"
)

// serveOptions are the flags of sim serve.
type serveOptions struct{ addr, data string }

func serveFlags(o *serveOptions) *flag.FlagSet {
	fs := newFlagSet("serve")
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "answer browsers at `HOST:PORT`; 0.0.0.0:PORT lets other computers of the network in (default 127.0.0.1:8080)")
	fs.StringVar(&o.data, "data", "sim-data", "keep the sessions in folder `DIR`, which a restart resumes from (default sim-data)")
	return fs
}

func serveCommand() *cli.Command {
	return helpText.Command("serve", &cli.Command{
		Flags: func() *flag.FlagSet { return serveFlags(new(serveOptions)) },
		Exec:  execServe,
	})
}

func execServe(e *cli.Env, args []string) error {
	var o serveOptions
	if err := cli.NoArgs("serve", serveFlags(&o), args); err != nil {
		return err
	}
	ctx := cli.Interruptible()
	defer ctx.Stop()
	return web.Serve(ctx, web.Options{Addr: o.addr, Dir: o.data, Version: version()}, e.Err)
}
