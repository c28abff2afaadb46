package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// The Go runtime runs a program the way Pulumi's own pulumi-language-go does, which the module
// proxy does not serve: `go build` the program's folder into a temporary directory, then run that
// binary with the engine's addresses and the stack's settings in the PULUMI_* variables the Go SDK
// reads (sdk/go/pulumi/run.go: getEnvInfo). With the project's `binary` runtime option a prebuilt
// program runs instead, and nothing is built.
//
// The build uses the caller's Go environment (GOCACHE keeps reruns to a link, seconds) with two
// defaults: GOFLAGS=-mod=readonly, so a go.sum missing an entry fails the run instead of being
// rewritten by it, and github.com/pulumi in GONOSUMDB, since the checksum database does not
// answer for Pulumi's modules (the programs pin them in their committed go.sum).
type goHost struct {
	base
}

func init() {
	runtimes["pulumi-language-go"] = func(_, engine string) (pulumirpc.LanguageRuntimeServer, error) {
		return &goHost{base: base{engineAddress: engine}}, nil
	}
}

func (h *goHost) About(ctx context.Context, _ *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		return nil, fmt.Errorf("go is not on PATH: %w", err)
	}
	out, err := exec.CommandContext(ctx, goBin, "env", "GOVERSION").Output()
	if err != nil {
		return nil, fmt.Errorf("running go env GOVERSION: %w", err)
	}
	return &pulumirpc.AboutResponse{
		Executable: goBin,
		Version:    strings.TrimPrefix(strings.TrimSpace(string(out)), "go"),
	}, nil
}

// Run builds the program (or takes the `binary` option's) and runs it to its end.
func (h *goHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	env, err := configEnv(req.GetConfig(), req.GetConfigSecretKeys())
	if err != nil {
		return nil, err
	}
	program, err := h.program(ctx, req)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	defer program.cleanup()

	env = append(env,
		"PULUMI_MONITOR="+req.GetMonitorAddress(),
		"PULUMI_ENGINE="+h.engineAddress,
		"PULUMI_PROJECT="+req.GetProject(),
		"PULUMI_STACK="+req.GetStack(),
		"PULUMI_ORGANIZATION="+req.GetOrganization(),
		"PULUMI_DRY_RUN="+strconv.FormatBool(req.GetDryRun()),
		"PULUMI_PARALLEL="+strconv.Itoa(int(req.GetParallel())),
		"PULUMI_ROOT_DIRECTORY="+req.GetInfo().GetRootDirectory(),
	)
	cmd := exec.CommandContext(ctx, program.path, req.GetArgs()...)
	cmd.Dir = req.GetPwd()
	cmd.Env = append(os.Environ(), env...)
	return runProgram(cmd, "Go"), nil
}

type goProgram struct {
	path    string
	cleanup func()
}

// program is the executable to run: the `binary` option's (relative to the program's folder), or
// the program's folder built into a temporary directory, removed by cleanup.
func (h *goHost) program(ctx context.Context, req *pulumirpc.RunRequest) (goProgram, error) {
	dir := req.GetInfo().GetProgramDirectory()
	if dir == "" {
		dir = filepath.Join(req.GetPwd(), req.GetProgram())
	}
	if opts := req.GetInfo().GetOptions(); opts != nil {
		if binary, ok := opts.AsMap()["binary"].(string); ok && binary != "" {
			if !filepath.IsAbs(binary) {
				binary = filepath.Join(dir, binary)
			}
			return goProgram{path: binary, cleanup: func() {}}, nil
		}
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		return goProgram{}, fmt.Errorf("building the Go program in %s needs go on PATH: %w", dir, err)
	}
	tmp, err := os.MkdirTemp("", "pulumi-go-program-")
	if err != nil {
		return goProgram{}, err
	}
	cleanup := func() { _ = os.RemoveAll(tmp) }
	name := req.GetProject()
	if name == "" {
		name = "program"
	}
	out := filepath.Join(tmp, name)

	var output bytes.Buffer
	cmd := exec.CommandContext(ctx, goBin, "build", "-o", out, ".")
	cmd.Dir = dir
	cmd.Env = goBuildEnv(os.Environ())
	cmd.Stdout = &output
	cmd.Stderr = &output
	if err := runOwned(cmd); err != nil {
		cleanup()
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			return goProgram{}, fmt.Errorf("go build in %s failed:\n%s",
				dir, strings.TrimSpace(output.String()))
		}
		return goProgram{}, fmt.Errorf("could not run go build in %s: %w", dir, err)
	}
	return goProgram{path: out, cleanup: cleanup}, nil
}

// goBuildEnv is environ with the build defaults: -mod=readonly unless GOFLAGS picks a -mod
// already, and github.com/pulumi in GONOSUMDB unless it is there.
func goBuildEnv(environ []string) []string {
	goflags, nosumdb := "", ""
	kept := make([]string, 0, len(environ)+2)
	for _, kv := range environ {
		switch {
		case strings.HasPrefix(kv, "GOFLAGS="):
			goflags = strings.TrimPrefix(kv, "GOFLAGS=")
		case strings.HasPrefix(kv, "GONOSUMDB="):
			nosumdb = strings.TrimPrefix(kv, "GONOSUMDB=")
		default:
			kept = append(kept, kv)
		}
	}
	if !strings.Contains(goflags, "-mod=") {
		goflags = strings.TrimSpace(goflags + " -mod=readonly")
	}
	if !containsField(nosumdb, "github.com/pulumi") {
		nosumdb = strings.TrimPrefix(nosumdb+",github.com/pulumi", ",")
	}
	return append(kept, "GOFLAGS="+goflags, "GONOSUMDB="+nosumdb)
}

// containsField reports whether a comma-separated list holds field.
func containsField(list, field string) bool {
	for _, f := range strings.Split(list, ",") {
		if strings.TrimSpace(f) == field {
			return true
		}
	}
	return false
}
