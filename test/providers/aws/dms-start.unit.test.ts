import { reverseStartAction } from '../../../activities/aws/dms-start';

const started = new Date('2026-11-29T20:00:00Z');

describe('starting the reverse task', () => {
  it('leaves a task that is already starting or running', () => {
    expect(reverseStartAction({ Status: 'starting', ReplicationTaskStartDate: started })).toEqual({ kind: 'leave' });
    expect(reverseStartAction({ Status: 'running', ReplicationTaskStartDate: started })).toEqual({ kind: 'leave' });
  });

  it('starts a task that never ran with start-replication', () => {
    expect(reverseStartAction({ Status: 'ready' })).toEqual({ kind: 'start', type: 'start-replication' });
  });

  it('resumes a task that ran before with resume-processing', () => {
    expect(reverseStartAction({ Status: 'stopped', ReplicationTaskStartDate: started })).toEqual({ kind: 'start', type: 'resume-processing' });
    expect(reverseStartAction({ Status: 'ready', ReplicationTaskStartDate: started })).toEqual({ kind: 'start', type: 'resume-processing' });
  });

  it('waits for a task busy being created, modified or stopped', () => {
    for (const Status of ['creating', 'modifying', 'stopping', 'moving', 'testing']) expect(reverseStartAction({ Status }).kind).toBe('wait');
  });

  it('refuses a failed task, saying its state and last failure', () => {
    expect(reverseStartAction({ Status: 'failed', ReplicationTaskStartDate: started, LastFailureMessage: 'Last Error Task error notification received' })).toEqual({
      kind: 'refuse',
      why: 'it is "failed" (last failure: Last Error Task error notification received)',
    });
    expect(reverseStartAction({ Status: 'deleting' }).kind).toBe('refuse');
    expect(reverseStartAction({}).kind).toBe('refuse');
  });
});
