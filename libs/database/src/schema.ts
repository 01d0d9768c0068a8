import {
  AppendHeadHash1796700850000,
  AppendMany1764273600000,
  CreateEventStore1764064800000,
  EventProofs1796690000000,
  IndexRecordedAt1764248400000,
} from '@app/event-store';
import { CheckpointPublications1796700700000 } from '@app/audit';
import {
  AddBudgetOfficerRole1796700600000,
  AddUserEmail1764259200000,
  CreateIdentity1764151200000,
  CredentialsVersion1796700400000,
} from '@app/identity';
import {
  CreateNotices1764262800000,
  DeliveryDetails1796702300000,
  DeliveryReasons1796700800000,
  NoticeLinks1796700000000,
} from '@app/notices';
import { WorkflowNoticesCheckpoint1796700100000 } from '@app/deadlines';
import { CreateProjectionState1764237600000, ParkedStreams1796608543000 } from '@app/projections';
import {
  AddDueAt1764252000000,
  ConfirmedRevisionTotals1796700200000,
  CreateDeclarationReadModels1764241200000,
  DropIndicatorNameIndex1796702100000,
  DuplicateLookupOrder1796702400000,
  ListAuthorsSubmitters1796700300000,
  ProjectNameIndex1796702200000,
  ReadModelIndexes1764288000000,
  ReturnOpinions1796700500000,
} from '@app/declarations';

/** The one ordered history of the database schema; each lib owns its own migrations. */
export const SCHEMA_MIGRATIONS = [
  CreateEventStore1764064800000,
  CreateIdentity1764151200000,
  CreateProjectionState1764237600000,
  CreateDeclarationReadModels1764241200000,
  IndexRecordedAt1764248400000,
  AddDueAt1764252000000,
  AddUserEmail1764259200000,
  CreateNotices1764262800000,
  AppendMany1764273600000,
  ReadModelIndexes1764288000000,
  ParkedStreams1796608543000,
  EventProofs1796690000000,
  NoticeLinks1796700000000,
  WorkflowNoticesCheckpoint1796700100000,
  ConfirmedRevisionTotals1796700200000,
  ListAuthorsSubmitters1796700300000,
  CredentialsVersion1796700400000,
  ReturnOpinions1796700500000,
  AddBudgetOfficerRole1796700600000,
  CheckpointPublications1796700700000,
  DeliveryReasons1796700800000,
  AppendHeadHash1796700850000,
  DropIndicatorNameIndex1796702100000,
  ProjectNameIndex1796702200000,
  DeliveryDetails1796702300000,
  DuplicateLookupOrder1796702400000,
];
