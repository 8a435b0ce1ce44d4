import type { FlowSetup } from './accessFlow.setup.ts';

/** Choosing a role: the list, *Show role*, and building a custom role (rule 5), then saving it. */
export function roleStates(flow: FlowSetup) {
  return flow.createStateConfig({
    initial: 'choose',
    states: {
      choose: {
        on: {
          PICK_ROLE: [
            { guard: 'roleOffered', target: '#access.route', actions: 'pickRole' },
            { actions: { type: 'notice', params: { code: 'not-offered' } } },
          ],
          SHOW_ROLE: [
            { guard: 'roleOffered', target: 'preview', actions: 'previewRole' },
            { actions: { type: 'notice', params: { code: 'not-offered' } } },
          ],
          CREATE_ROLE: [
            { guard: 'hasPermissionCatalogue', target: 'builder', actions: 'startDraft' },
            { actions: { type: 'notice', params: { code: 'no-custom-roles' } } },
          ],
          BACK: [
            { guard: 'isEditingAny', target: '#access.route', actions: 'stopEditing' },
            { target: '#access.route', actions: { type: 'forget', params: { field: 'product' } } },
          ],
        },
      },
      preview: {
        on: {
          ACCEPT_ROLE: { target: '#access.route', actions: 'acceptPreview' },
          PICK_ROLE: [
            { guard: 'roleOffered', target: '#access.route', actions: 'pickRole' },
            { actions: { type: 'notice', params: { code: 'not-offered' } } },
          ],
          BACK: { target: 'choose' },
        },
      },
      builder: {
        initial: 'name',
        states: {
          name: {
            on: {
              TEXT: [
                { guard: 'roleNameProblem', actions: 'roleNameProblem' },
                { target: 'base', actions: 'nameDraft' },
              ],
              BACK: { target: '#access.role.choose', actions: 'dropDraft' },
            },
          },
          base: {
            on: {
              PICK_BASE: [
                { guard: 'baseOffered', target: 'permissions', actions: 'baseDraft' },
                { actions: { type: 'notice', params: { code: 'not-offered' } } },
              ],
              BACK: { target: 'name' },
            },
          },
          permissions: {
            on: {
              TOGGLE_PERMISSION: [
                { guard: 'permissionInCatalogue', actions: 'togglePermission' },
                { actions: { type: 'notice', params: { code: 'not-offered' } } },
              ],
              SET_PERMISSIONS: [
                { guard: 'permissionsChosen', target: 'review', actions: 'setPermissions' },
                { actions: { type: 'notice', params: { code: 'no-permission' } } },
              ],
              PERMISSIONS_DONE: [
                { guard: 'draftHasPermissions', target: 'review' },
                { actions: { type: 'notice', params: { code: 'no-permission' } } },
              ],
              BACK: { target: 'base' },
            },
          },
          review: {
            on: {
              SAVE_ROLE: { target: '#access.role.saving' },
              BACK: { target: 'permissions' },
            },
          },
        },
      },
      saving: {
        tags: ['busy'],
        entry: 'saveRole',
        on: {
          ROLE_SAVED: {
            target: '#access.route',
            actions: ['useNewRole', { type: 'notice', params: { code: 'role-created' } }],
          },
          ROLE_REJECTED: {
            target: 'builder.name',
            actions: { type: 'notice', params: { code: 'role-rejected' } },
          },
        },
      },
    },
  });
}
