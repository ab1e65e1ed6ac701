import { Readable } from 'node:stream';
import type { MikroORM } from '@mikro-orm/core';
import { scopeToCorp } from '@corphub/module-kit';
import { type MediaStore } from './media/media.store';
import { DEMO, DEMO_VOICE_NOTE } from '@corphub/demo';
import { Media, MediaKind } from './media/media.entity';
import { inspect } from './media/media.inspect';
import { DEFAULT_LIMITS } from './media/media.settings';

/**
 * The demo voice note's bytes: a mono 16-bit 8 kHz WAV of DEMO_VOICE_NOTE.durationSeconds, a short chime
 * (three soft notes, then quiet) made here rather than shipped as a binary file. Deterministic, so its
 * hash, and so its stored file, is the same on every machine.
 */
export function demoVoiceWav(seconds: number = DEMO_VOICE_NOTE.durationSeconds, sampleRate = 8000): Buffer {
  const samples = seconds * sampleRate;
  const data = Buffer.alloc(samples * 2);
  const notes = [523.25, 659.25, 783.99]; // C5, E5, G5
  for (let i = 0; i < samples; i++) {
    const t = i / sampleRate;
    const note = Math.floor(t / 0.4);
    const within = t - note * 0.4;
    const value = note < notes.length ? Math.sin(2 * Math.PI * notes[note] * t) * Math.exp(-within * 6) * 6000 : 0;
    data.writeInt16LE(Math.round(value), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/**
 * Idempotent: the demo corp's voice note (DEMO_VOICE_NOTE.mediaId), stored through the media store like
 * an upload, typed and measured from its bytes. The logs seed attaches it to work logs. When the record
 * exists but its file does not (a new data folder or bucket), the file is stored again.
 */
export async function seedDemo(orm: MikroORM, store: MediaStore): Promise<void> {
  const em = scopeToCorp(orm.em.fork(), DEMO.corpId);
  const bytes = demoVoiceWav();
  const staged = await store.stage(Readable.from([bytes]), DEFAULT_LIMITS.AUDIO.maxBytes);
  try {
    const measured = await inspect(staged.path, staged.size, MediaKind.AUDIO, DEFAULT_LIMITS);
    if (measured.durationMs !== DEMO_VOICE_NOTE.durationSeconds * 1000) {
      throw new Error(`The demo voice note lasts ${measured.durationMs} ms, not ${DEMO_VOICE_NOTE.durationSeconds} s`);
    }
    await store.commit(staged);
    const existing = await em.findOne(Media, { id: DEMO_VOICE_NOTE.mediaId });
    if (existing) return;
    const media = new Media({ ...measured, size: staged.size, sha256: staged.sha256, uploadedBy: DEMO_VOICE_NOTE.uploadedBy });
    media.id = DEMO_VOICE_NOTE.mediaId;
    await em.persist(media).flush();
  } finally {
    await store.discard(staged);
  }
}
