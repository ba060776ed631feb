import { defineMta } from '../mta.ts';
import { CourierContainer } from './courier-container.ts';
import { courierFindings } from './debian12/findings.ts';
import { COURIER_IMAGE } from './debian12/courier-image.ts';
import { courierDebian13Findings } from './debian13/findings.ts';
import { COURIER_DEBIAN13_IMAGE } from './debian13/courier-image.ts';

export { CourierContainer } from './courier-container.ts';

/** Courier MTA 1.0 from Debian bookworm: its image, its expected verdicts (findings.ts) and its testcontainers module. */
export const courier = defineMta({ lines: [
    { image: COURIER_DEBIAN13_IMAGE, findings: courierDebian13Findings },
    { image: COURIER_IMAGE, findings: courierFindings },
  ], container: CourierContainer });
