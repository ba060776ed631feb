// Finds the address of this machine on Docker's default bridge network: where a container on that
// network reaches the host with a literal IP (no DNS, no extra hosts), and so where the run's sink
// listens. Nothing beyond the local Docker Engine and this machine's interfaces is asked.
import { isIPv4 } from 'node:net';
import { networkInterfaces } from 'node:os';
import { docker, findExecutable, firstLine, run } from './docker-cli.ts';

const INSPECT_TIMEOUT_MS = 20_000;

interface BridgeFacts {
  gateway?: string;
  subnet?: string;
  /** Host interface of the bridge, e.g. docker0. */
  device?: string;
}

/**
 * The bridge gateway's IPv4 address. Docker records it as IPAM Gateway, but some engines leave that
 * empty for the default bridge (only the subnet is recorded); then it is the address of the
 * bridge's host interface that lies in the subnet.
 */
export async function bridgeGateway(): Promise<string> {
  const facts = await inspectBridge();
  if (facts.gateway && isIPv4(facts.gateway)) return facts.gateway;
  if (!facts.device) throw new Error('the Docker bridge network names neither a gateway nor a host interface');
  const candidates = await interfaceAddresses(facts.device);
  const found = candidates.find((address) => !facts.subnet || inSubnet(address, facts.subnet));
  if (!found) throw new Error(`no IPv4 address of ${facts.device} in the Docker bridge subnet ${facts.subnet ?? '(unknown)'}`);
  return found;
}

async function inspectBridge(): Promise<BridgeFacts> {
  const format = '{{json .IPAM.Config}}\t{{index .Options "com.docker.network.bridge.name"}}';
  const r = await docker(['network', 'inspect', 'bridge', '--format', format], { timeoutMs: INSPECT_TIMEOUT_MS });
  if (!r.ok) throw new Error(`cannot inspect the Docker bridge network: ${firstLine(r)}`);
  const [json = '', device = ''] = r.stdout.trim().split('\t');
  let config: { Gateway?: string; Subnet?: string }[] = [];
  try {
    config = (JSON.parse(json) as typeof config | null) ?? [];
  } catch {
    throw new Error(`unexpected Docker bridge IPAM config: ${json.slice(0, 200)}`);
  }
  const ipv4 = config.find((c) => c.Subnet !== undefined && isIPv4(c.Subnet.split('/')[0] ?? '')) ?? config[0];
  return {
    ...(ipv4?.Gateway ? { gateway: ipv4.Gateway } : {}),
    ...(ipv4?.Subnet ? { subnet: ipv4.Subnet } : {}),
    ...(device && device !== '<no value>' ? { device } : {}),
  };
}

/**
 * IPv4 addresses of a host interface. `ip addr` first: Node lists only interfaces that are up and
 * running, and a bridge with no container attached is not.
 */
async function interfaceAddresses(device: string): Promise<string[]> {
  const ip = findExecutable('ip');
  if (ip) {
    const r = await run(ip, ['-4', '-o', 'addr', 'show', 'dev', device], { timeoutMs: INSPECT_TIMEOUT_MS });
    const found = [...r.stdout.matchAll(/\binet (\d+\.\d+\.\d+\.\d+)\//g)].map((m) => m[1] ?? '');
    if (found.length > 0) return found;
  }
  return (networkInterfaces()[device] ?? []).filter((a) => a.family === 'IPv4').map((a) => a.address);
}

function toNumber(address: string): number {
  return address.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

export function inSubnet(address: string, cidr: string): boolean {
  const [base = '', bitsText = '32'] = cidr.split('/');
  const bits = Number(bitsText);
  if (!isIPv4(address) || !isIPv4(base) || !(bits >= 0 && bits <= 32)) return false;
  const size = 2 ** (32 - bits);
  return Math.floor(toNumber(address) / size) === Math.floor(toNumber(base) / size);
}
