package main

import (
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

// The Node.js runtime runs programs (TypeScript or JavaScript) with the runner that @pulumi/pulumi
// ships, `node <node_modules>/@pulumi/pulumi/cmd/run FLAGS ENTRYPOINT`, taken from the program's own
// node_modules, so the program's pinned SDK version is the one that runs. Flags and environment
// follow Pulumi's pulumi-language-nodejs (sdk/nodejs/cmd/pulumi-language-nodejs in pulumi/pulumi):
// the runner itself compiles TypeScript with ts-node when PULUMI_NODEJS_TYPESCRIPT is set.
//
// Left out on purpose: Pulumi's host proxies the resource monitor and serves `--sync` pipes for
// the deprecated synchronous invokes (`invokeSync`); here the program talks to the engine's
// monitor directly, so synchronous invokes are unavailable. No policy packs or plugins in Node.js,
// no debugger attachment, no bun.
type nodejsHost struct {
	base
}

// nodeRunnerModule is the runner's path inside a node_modules folder.
const nodeRunnerModule = "@pulumi/pulumi/cmd/run"

func init() {
	runtimes["pulumi-language-nodejs"] = func(_, engine string) (pulumirpc.LanguageRuntimeServer, error) {
		return &nodejsHost{base: base{engineAddress: engine}}, nil
	}
}

// nodeOptions are the `runtime.options` of a nodejs project that this host honours.
type nodeOptions struct {
	typescript bool     // default true: the runner registers ts-node
	tsconfig   string   // PULUMI_NODEJS_TSCONFIG_PATH
	nodeargs   []string // extra node flags, split on white space (no shell quoting)
}

func parseNodeOptions(info *pulumirpc.ProgramInfo) (nodeOptions, error) {
	opts := nodeOptions{typescript: true}
	if info == nil || info.GetOptions() == nil {
		return opts, nil
	}
	m := info.GetOptions().AsMap()
	if v, ok := m["typescript"]; ok {
		b, isBool := v.(bool)
		if !isBool {
			return opts, errors.New("runtime option typescript must be a boolean")
		}
		opts.typescript = b
	}
	if v, ok := m["tsconfig"]; ok {
		s, isString := v.(string)
		if !isString {
			return opts, errors.New("runtime option tsconfig must be a string")
		}
		opts.tsconfig = s
	}
	if v, ok := m["nodeargs"]; ok {
		s, isString := v.(string)
		if !isString {
			return opts, errors.New("runtime option nodeargs must be a string")
		}
		opts.nodeargs = strings.Fields(s)
	}
	return opts, nil
}

// findNodeRunner looks for the runner as Node's module resolution would from the program directory:
// in node_modules of that folder and each parent.
func findNodeRunner(dir string) (string, error) {
	for d := dir; ; d = filepath.Dir(d) {
		candidate := filepath.Join(d, "node_modules", filepath.FromSlash(nodeRunnerModule))
		if _, err := os.Stat(filepath.Join(candidate, "index.js")); err == nil {
			return candidate, nil
		}
		if parent := filepath.Dir(d); parent == d {
			break
		}
	}
	return "", fmt.Errorf("no %s in node_modules of %s or its parents: "+
		"install the program's dependencies (npm ci) first", nodeRunnerModule, dir)
}

// nodeProgramDir is where the program's package.json and node_modules are.
func nodeProgramDir(req *pulumirpc.RunRequest) string {
	if d := req.GetInfo().GetProgramDirectory(); d != "" {
		return d
	}
	return req.GetPwd()
}

func (h *nodejsHost) About(_ context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("could not find node on PATH: %w", err)
	}
	out, err := exec.Command(node, "--version").Output()
	if err != nil {
		return nil, fmt.Errorf("running %s --version: %w", node, err)
	}
	resp := &pulumirpc.AboutResponse{
		Executable: node,
		Version:    strings.TrimPrefix(strings.TrimSpace(string(out)), "v"),
	}
	// The TypeScript the runner would load: resolved from the program, as at run time.
	if dir := req.GetInfo().GetProgramDirectory(); dir != "" {
		cmd := exec.Command(node, "-e", "console.log(require('typescript/package.json').version)")
		cmd.Dir = dir
		if ts, err := cmd.Output(); err == nil {
			resp.Metadata = map[string]string{"typescriptVersion": strings.TrimSpace(string(ts))}
		}
	}
	return resp, nil
}

// Run executes a Node.js program with @pulumi/pulumi's runner from the program's node_modules.
func (h *nodejsHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not find node on PATH: %v", err)}, nil
	}
	opts, err := parseNodeOptions(req.GetInfo())
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	dir := nodeProgramDir(req)
	runner, err := findNodeRunner(dir)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	env, err := configEnv(req.GetConfig(), req.GetConfigSecretKeys())
	if err != nil {
		return nil, err
	}
	if opts.typescript {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if opts.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+opts.tsconfig)
	}

	args := append([]string{}, opts.nodeargs...)
	args = append(args, runner)
	flag := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name, value)
		}
	}
	flag("monitor", req.GetMonitorAddress())
	flag("engine", h.engineAddress)
	flag("organization", req.GetOrganization())
	flag("project", req.GetProject())
	flag("root-directory", req.GetInfo().GetRootDirectory())
	flag("stack", req.GetStack())
	flag("pwd", dir)
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	flag("parallel", strconv.Itoa(int(req.GetParallel())))
	// The entry point is relative to the program directory; "." lets the runner read package.json's
	// main (or index.ts / index.js).
	entry := req.GetInfo().GetEntryPoint()
	if entry == "" {
		entry = req.GetProgram()
	}
	if entry == "" {
		entry = "."
	}
	args = append(args, entry)
	args = append(args, req.GetArgs()...)

	cmd := exec.CommandContext(ctx, node, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	return runProgram(cmd, "Node.js"), nil
}
