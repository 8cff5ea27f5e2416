/**
 * Property tests run with a fixed seed by default, so a CI run is reproducible and a failure can be
 * replayed; set FC_RANDOM=1 to explore with fresh random seeds (do so when changing numeric code).
 */
import fc from 'fast-check';

if (process.env.FC_RANDOM !== '1') fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261125) });
