import { describe, expect, it } from 'vitest';
import { roomsChoice } from '../../src/machines/index.js';

// The reveal's next step on the presenter page ("Follow the room's choice (reply N)"), with or
// without a live room: the reply the room chose, when there is one.
const entries = (...votes: number[]) => votes.map((v, i) => ({ replyId: `r${i + 1}`, number: i + 1, votes: v }));
const all = () => true;

describe('roomsChoice', () => {
  it('is the reply with the most votes when it alone has them', () => {
    expect(roomsChoice(entries(1, 5, 2), all)?.number).toBe(2);
    expect(roomsChoice(entries(0, 0, 1), all)?.replyId).toBe('r3');
  });

  it('is none when nobody voted, or when replies tie for the most votes (the trainer chooses)', () => {
    expect(roomsChoice(entries(0, 0, 0), all)).toBeUndefined();
    expect(roomsChoice(entries(4, 1, 4), all)).toBeUndefined();
    expect(roomsChoice([], all)).toBeUndefined();
  });

  it('is none when the most-voted reply is one the story does not open here, never the runner-up', () => {
    expect(roomsChoice(entries(6, 2, 1), (id) => id !== 'r1')).toBeUndefined();
    expect(roomsChoice(entries(6, 2, 1), (id) => id !== 'r3')?.number).toBe(1);
  });
});
