// D-ID interactive AI agents, knowledge bases, documents and client keys. Served as Python dynamic resources (`pulumi_did_agents`) and as the native provider plugin `pulumi-resource-didagents` (YAML programs, `pulumi import`).
package didagents
